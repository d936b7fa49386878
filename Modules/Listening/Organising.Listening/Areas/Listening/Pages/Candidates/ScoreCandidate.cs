using System.Globalization;
using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// Scores a candidate against the seven winnable-issue criteria at once: each score a whole number from 1 to 5 (as typed,
/// so "6" or "lots" is refused beside its field, never cut or guessed), with an optional note; a blank score clears
/// that criterion. One refusal refuses the lot, so nothing is half saved.
/// </summary>
public static class ScoreCandidate
{
    public sealed class Entry
    {
        public string Criterion { get; set; } = "";
        public string? Score { get; set; }
        public string? Note { get; set; }
    }

    public sealed class Command : ICommand<int>, IValidatable, IAuditedCommand
    {
        public Guid CandidateId { get; set; }
        public List<Entry> Criteria { get; set; } = [];

        public IEnumerable<FieldError> Validate()
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < Criteria.Count; i++)
            {
                var entry = Criteria[i];
                var name = Issues.Criteria.All.FirstOrDefault(c => c.Key == entry.Criterion)?.Name;
                if (name is null || !seen.Add(entry.Criterion))
                {
                    yield return new FieldError($"Criteria[{i}].Score", "This criterion could not be read. Reload the page and try again.");
                    continue;
                }
                if (!string.IsNullOrWhiteSpace(entry.Score) && ParseScore(entry.Score) is null)
                    yield return new FieldError($"Criteria[{i}].Score",
                        $"Score “{name}” with a whole number from {Issues.Criteria.Lowest} (not at all) to {Issues.Criteria.Highest} (fully), or leave it blank. “{entry.Score.Trim()}” is not one.");
                if (entry.Note is { Length: > 1000 })
                    yield return new FieldError($"Criteria[{i}].Note", $"Use at most 1,000 characters for the note on “{name}”.");
            }
        }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.candidate-scored", "listening-candidate", CandidateId.ToString(),
                $"Candidate issue scored: {string.Join(", ", Criteria.Select(c => $"{c.Criterion} {(string.IsNullOrWhiteSpace(c.Score) ? "cleared" : c.Score.Trim())}"))}.");
    }

    public static int? ParseScore(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= Issues.Criteria.Lowest and <= Issues.Criteria.Highest
            ? score : null;

    private const string UpsertSql = """
        INSERT INTO listening_candidate_score (candidate_id, criterion, score, note, scored_at, scored_by)
        VALUES (@candidateId, @criterion, @score, @note, @now, @userId)
        ON CONFLICT (candidate_id, criterion) DO UPDATE SET score = excluded.score, note = excluded.note, scored_at = excluded.scored_at, scored_by = excluded.scored_by
        """;

    private const string ClearSql = "DELETE FROM listening_candidate_score WHERE candidate_id = @candidateId AND criterion = @criterion";

    /// <summary>Returns the total of the scores now held.</summary>
    internal sealed class Handler(DbSession session, CandidateAccess access, ListeningScope scope, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var candidate = await access.GetAsync(command.CandidateId, ct);
            var connection = await session.ConnectionAsync(ct);
            var now = time.GetUtcNow();
            foreach (var entry in command.Criteria)
            {
                if (ParseScore(entry.Score) is { } score)
                {
                    var note = string.IsNullOrWhiteSpace(entry.Note) ? null : entry.Note.Trim();
                    await connection.ExecuteAsync(new CommandDefinition(UpsertSql,
                        new { candidateId = candidate.Id, criterion = entry.Criterion, score, note, now, userId = scope.UserId }, session.Transaction, cancellationToken: ct));
                }
                else
                {
                    await connection.ExecuteAsync(new CommandDefinition(ClearSql, new { candidateId = candidate.Id, criterion = entry.Criterion },
                        session.Transaction, cancellationToken: ct));
                }
            }
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(SUM(score), 0) FROM listening_candidate_score WHERE candidate_id = @candidateId",
                new { candidateId = candidate.Id }, session.Transaction, cancellationToken: ct));
        }
    }
}
