using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// Creating and editing a candidate issue are one command: no Id creates one in <see cref="Command.CampaignId"/>, cut
/// from the issues raised chosen on the workbench (all from that campaign); an Id edits its title and problem. Only
/// those who manage the campaign's team may do either.
/// </summary>
public static class SaveCandidate
{
    public sealed class Command : ICommand<Saved>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }
        public Guid CampaignId { get; set; }

        [Required(ErrorMessage = "Enter the issue, in a few words.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the issue.")]
        public string Title { get; set; } = "";

        [StringLength(4000, ErrorMessage = "Use at most 4,000 characters for the problem it comes from.")]
        public string? Problem { get; set; }

        /// <summary>On creation: the issues raised it is cut from.</summary>
        public List<Guid> RaisedIds { get; set; } = [];

        public IEnumerable<FieldError> Validate()
        {
            if (string.IsNullOrWhiteSpace(Title)) yield return new FieldError(nameof(Title), "Enter the issue, in a few words.");
            if (RaisedIds.Count > 500) yield return new FieldError(nameof(RaisedIds), "Link at most 500 issues raised at once.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response switch
        {
            Saved { Created: true } saved => new("listening.candidate-created", "listening-candidate", saved.Id.ToString(),
                $"Candidate issue “{saved.Title}” created from {RaisedIds.Distinct().Count()} issues raised."),
            Saved { Changed.Count: > 0 } saved => new("listening.candidate-edited", "listening-candidate", saved.Id.ToString(),
                $"Candidate issue “{saved.Title}” edited: {string.Join(", ", saved.Changed)}."),
            _ => null,
        };
    }

    public sealed record Saved(Guid Id, string Title, bool Created, IReadOnlyList<string> Changed);

    private const string InsertSql = """
        INSERT INTO listening_candidate (id, campaign_id, title, problem, status, prioritised_at, created_at, created_by, updated_at)
        VALUES (@id, @campaignId, @title, @problem, 'candidate', NULL, @now, @userId, @now)
        """;

    private const string UpdateSql = "UPDATE listening_candidate SET title = @title, problem = @problem, updated_at = @now WHERE id = @id";

    internal sealed class Handler(DbSession session, CandidateAccess access, AgendaNotifications agenda, ListeningScope scope, TimeProvider time)
        : ICommandHandler<Command, Saved>
    {
        public async ValueTask<Saved> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var title = command.Title.Trim();
            var problem = string.IsNullOrWhiteSpace(command.Problem) ? null : command.Problem.Trim();
            var now = time.GetUtcNow();
            if (command.Id is not { } id)
            {
                var campaign = await access.FindCampaignAsync(command.CampaignId, ct) ?? throw new ValidationFailedException("", CandidateAccess.NoCampaign);
                var newId = Guid.CreateVersion7();
                await connection.ExecuteAsync(new CommandDefinition(InsertSql,
                    new { id = newId, campaignId = campaign.Id, title, problem, now, userId = scope.UserId }, session.Transaction, cancellationToken: ct));
                // A refused link throws, and the command's transaction takes the new candidate back with it.
                await access.LinkAsync(newId, campaign.Id, command.RaisedIds, nameof(Command.RaisedIds), ct);
                return new Saved(newId, title, true, []);
            }

            var existing = await access.GetAsync(id, ct);
            var changed = new List<string>();
            if (existing.Title != title) changed.Add("title");
            if (existing.Problem != problem) changed.Add("problem");
            if (changed.Count == 0) return new Saved(id, title, false, changed);
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new { id, title, problem, now }, session.Transaction, cancellationToken: ct));
            // Research holds the agenda issue's title: tell it again.
            if (existing.Status == CandidateStatuses.Prioritised && changed.Contains("title")) await agenda.PrioritisedAsync(id, title, ct);
            return new Saved(id, title, false, changed);
        }
    }
}
