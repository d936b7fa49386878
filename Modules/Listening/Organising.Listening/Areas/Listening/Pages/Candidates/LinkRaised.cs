using Organising.Platform.Web;
using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// Adds issues raised to a candidate (from the workbench's finder), only rows of the candidate's own campaign.
/// When the candidate is on the people's agenda, its lineage changed, so <see cref="Contracts.IssuePrioritised"/> goes again.
/// </summary>
public static class LinkRaised
{
    public sealed class Command : ICommand<int>, IValidatable, IAuditedCommand
    {
        public Guid CandidateId { get; set; }
        public List<Guid> RaisedIds { get; set; } = [];

        public IEnumerable<FieldError> Validate()
        {
            if (CandidateId == Guid.Empty) yield return new FieldError(nameof(CandidateId), "Choose the candidate issue to add them to.");
            if (RaisedIds.Count == 0) yield return new FieldError(nameof(RaisedIds), "Tick at least one issue raised to add.");
            if (RaisedIds.Count > 500) yield return new FieldError(nameof(RaisedIds), "Add at most 500 issues raised at once.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is int added and > 0
            ? new("listening.candidate-linked", "listening-candidate", CandidateId.ToString(), $"{Words.Count(added, "issue raised", "issues raised")} linked to the candidate issue.")
            : null;
    }

    internal sealed class Handler(CandidateAccess access, AgendaNotifications agenda) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            var added = await access.LinkAsync(candidate.Id, candidate.CampaignId, command.RaisedIds, nameof(Command.RaisedIds), ct);
            if (added > 0 && candidate.Status == CandidateStatuses.Prioritised) await agenda.PrioritisedAsync(candidate.Id, candidate.Title, ct);
            return added;
        }
    }
}

/// <summary>Takes one issue raised off a candidate; republishes the agenda issue's lineage when it is prioritised.</summary>
public static class UnlinkRaised
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid CandidateId { get; set; }
        public Guid RaisedId { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.candidate-unlinked", "listening-candidate", CandidateId.ToString(), $"Issue raised {RaisedId} taken off the candidate issue.");
    }

    private const string DeleteSql = "DELETE FROM listening_candidate_raised WHERE candidate_id = @candidateId AND raised_id = @raisedId";

    internal sealed class Handler(DbSession session, CandidateAccess access, AgendaNotifications agenda) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            var connection = await session.ConnectionAsync(ct);
            var removed = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { candidateId = candidate.Id, raisedId = command.RaisedId },
                session.Transaction, cancellationToken: ct));
            if (removed == 0) throw new ValidationFailedException("", "That issue raised is not linked to this candidate issue.");
            if (candidate.Status == CandidateStatuses.Prioritised) await agenda.PrioritisedAsync(candidate.Id, candidate.Title, ct);
            return Unit.Value;
        }
    }
}
