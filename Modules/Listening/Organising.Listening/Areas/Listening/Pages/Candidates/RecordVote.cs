using System.Globalization;
using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// A prioritisation vote: the points (0 to 10) a member institution (Networks' <see cref="ListInstitutions"/>, membership
/// "member") or a team (Teams' <see cref="ListTeams"/>) gave a candidate. One vote per voter per candidate: recording
/// it again replaces the points.
/// </summary>
public static class RecordVote
{
    public const int MaxPoints = 10;

    public sealed class Command : ICommand<string>, IValidatable, IAuditedCommand
    {
        public Guid CandidateId { get; set; }

        /// <summary>"institution:{id}" or "team:{id}", as the page's list offers them.</summary>
        public string? Voter { get; set; }

        public string? Points { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (ParseVoter(Voter) is null) yield return new FieldError(nameof(Voter), "Choose the member institution or team that voted.");
            if (ParsePoints(Points) is null)
                yield return new FieldError(nameof(Points), string.IsNullOrWhiteSpace(Points)
                    ? $"Enter the points they gave, a whole number from 0 to {MaxPoints}."
                    : $"Points are a whole number from 0 to {MaxPoints}: “{Points.Trim()}” is not one.");
        }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.vote-recorded", "listening-candidate", CandidateId.ToString(), $"Vote recorded for {response}: {Points?.Trim()} points.");
    }

    public static (string Kind, Guid Id)? ParseVoter(string? voter)
    {
        var parts = voter?.Split(':', 2);
        return parts is [var kind and ("institution" or "team"), var id] && Guid.TryParse(id, out var guid) ? (kind, guid) : null;
    }

    public static int? ParsePoints(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var points) && points is >= 0 and <= MaxPoints ? points : null;

    private const string UpsertSql = """
        INSERT INTO listening_vote (candidate_id, voter_kind, voter_id, voter_name, points, recorded_at, recorded_by)
        VALUES (@candidateId, @kind, @voterId, @name, @points, @now, @userId)
        ON CONFLICT (candidate_id, voter_kind, voter_id) DO UPDATE
        SET voter_name = excluded.voter_name, points = excluded.points, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
        """;

    /// <summary>Returns the voter's name.</summary>
    internal sealed class Handler(DbSession session, CandidateAccess access, ListeningScope scope, ISender sender, TimeProvider time)
        : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            var (kind, voterId) = ParseVoter(command.Voter)!.Value;
            var name = kind == "institution"
                ? (await sender.Send(new ListInstitutions(), ct)).FirstOrDefault(i => i.Id == voterId && i.Membership == "member")?.Name
                : (await sender.Send(new ListTeams(), ct)).FirstOrDefault(t => t.Id == voterId)?.Name;
            if (name is null) throw new ValidationFailedException(nameof(Command.Voter), "Choose a member institution or a team from the list: that one is not there.");
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
            {
                candidateId = candidate.Id, kind, voterId, name, points = ParsePoints(command.Points)!.Value, now = time.GetUtcNow(), userId = scope.UserId,
            }, session.Transaction, cancellationToken: ct));
            return name;
        }
    }
}

/// <summary>Takes a vote off a candidate.</summary>
public static class RemoveVote
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid CandidateId { get; set; }
        public string? Voter { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.vote-removed", "listening-candidate", CandidateId.ToString(), $"Vote of {Voter} removed.");
    }

    private const string DeleteSql = "DELETE FROM listening_vote WHERE candidate_id = @candidateId AND voter_kind = @kind AND voter_id = @voterId";

    internal sealed class Handler(DbSession session, CandidateAccess access) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            if (RecordVote.ParseVoter(command.Voter) is not { } voter) throw new ValidationFailedException("", "That vote is not there.");
            var (kind, voterId) = voter;
            var connection = await session.ConnectionAsync(ct);
            var removed = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { candidateId = candidate.Id, kind, voterId },
                session.Transaction, cancellationToken: ct));
            if (removed == 0) throw new ValidationFailedException("", "That vote is not there.");
            return Unit.Value;
        }
    }
}
