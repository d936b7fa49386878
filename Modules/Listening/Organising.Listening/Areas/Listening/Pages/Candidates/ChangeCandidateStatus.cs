using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// Puts a candidate on the people's agenda ('prioritised', publishing <see cref="Contracts.IssuePrioritised"/>), sets it
/// aside, or takes it back to a candidate; coming off the agenda publishes <see cref="Contracts.IssueDeprioritised"/>.
/// </summary>
public static class ChangeCandidateStatus
{
    public sealed class Command : ICommand<Changed>, IValidatable, IAuditedCommand
    {
        public Guid CandidateId { get; set; }
        public string Status { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (!CandidateStatuses.All.Contains(Status)) yield return new FieldError(nameof(Status), "Choose prioritise, set aside or back to a candidate.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Changed { From: var from } changed && from != Status
            ? new("listening.candidate-status", "listening-candidate", CandidateId.ToString(),
                $"Candidate issue “{changed.Title}”: {CandidateStatuses.Describe(from)} → {CandidateStatuses.Describe(Status)}.")
            : null;
    }

    public sealed record Changed(string Title, string From);

    private const string UpdateSql = """
        UPDATE listening_candidate SET status = @status, prioritised_at = @prioritisedAt, updated_at = @now WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, CandidateAccess access, AgendaNotifications agenda, TimeProvider time) : ICommandHandler<Command, Changed>
    {
        public async ValueTask<Changed> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            if (candidate.Status == command.Status) return new Changed(candidate.Title, candidate.Status);
            var now = time.GetUtcNow();
            var prioritising = command.Status == CandidateStatuses.Prioritised;
            var parameters = new DynamicParameters(new { status = command.Status, now, id = candidate.Id });
            parameters.Add("prioritisedAt", prioritising ? Platform.Data.DapperTypeHandlers.ToDbText(now) : null, System.Data.DbType.String);
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, session.Transaction, cancellationToken: ct));
            if (prioritising) await agenda.PrioritisedAsync(candidate.Id, candidate.Title, ct);
            else if (candidate.Status == CandidateStatuses.Prioritised) await agenda.DeprioritisedAsync(candidate.Id, ct);
            return new Changed(candidate.Title, candidate.Status);
        }
    }
}

/// <summary>Deletes a candidate with its links, scores and votes (after the confirmation page); off the agenda if it was on it.</summary>
public static class DeleteCandidate
{
    public sealed class Command : ICommand<Guid>, IAuditedCommand
    {
        public Guid CandidateId { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.candidate-deleted", "listening-candidate", CandidateId.ToString(), "Candidate issue deleted.");
    }

    private const string DeleteSql = "DELETE FROM listening_candidate WHERE id = @id";

    /// <summary>Returns the campaign it was in, for the way back to its workbench.</summary>
    internal sealed class Handler(DbSession session, CandidateAccess access, AgendaNotifications agenda) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id = candidate.Id }, session.Transaction, cancellationToken: ct));
            if (candidate.Status == CandidateStatuses.Prioritised) await agenda.DeprioritisedAsync(candidate.Id, ct);
            return candidate.CampaignId;
        }
    }
}
