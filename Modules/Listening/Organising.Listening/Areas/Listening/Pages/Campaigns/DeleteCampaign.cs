using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>
/// Deleting a campaign takes everything recorded in it: its events (their reminders cancelled and the leadership
/// activities they counted for withdrawn, through <see cref="EventWithdrawal"/>), what was heard, and its candidate
/// issues. Managers only. Refused while one of its candidate issues is on the people's agenda.
/// </summary>
public static class DeleteCampaign
{
    /// <summary>What the confirmation page states will go. Null when the campaign is not there or the user may not delete it.</summary>
    public sealed record Query(Guid Id) : IQuery<Summary?>;

    public sealed class Summary
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
        public int Events { get; init; }
        public int Raised { get; init; }
        public int Stories { get; init; }
        public int Candidates { get; init; }
        public int Prioritised { get; init; }
    }

    public sealed class Command : ICommand<Deleted>, IAuditedCommand
    {
        public Guid Id { get; set; }

        public AuditEntry? DescribeForAudit(object? response) => response is Deleted deleted
            ? new("listening.campaign-deleted", "listening-campaign", Id.ToString(),
                $"Listening campaign “{deleted.Name}” deleted with its {deleted.Events} events, {deleted.Raised} issues raised, {deleted.Stories} stories and {deleted.Candidates} candidate issues.")
            : null;
    }

    public sealed record Deleted(string Name, int Events, int Raised, int Stories, int Candidates);

    /// <summary>The refusal when the campaign is not there for this user: pages answer "not found".</summary>
    public const string NoSuchCampaign = SaveCampaign.NoSuchCampaign;

    public static string OnTheAgenda(int prioritised) =>
        $"{(prioritised == 1 ? "One of this campaign's issues is" : $"{prioritised} of this campaign's issues are")} on the people's agenda: take {(prioritised == 1 ? "it" : "them")} off the people's agenda first, then delete the campaign.";

    private const string SummarySql = """
        SELECT c.id AS Id, c.name AS Name, c.team_id AS TeamId,
               (SELECT COUNT(*) FROM listening_event e WHERE e.campaign_id = c.id) AS Events,
               (SELECT COUNT(*) FROM listening_raised r WHERE r.campaign_id = c.id) AS Raised,
               (SELECT COUNT(*) FROM listening_story s WHERE s.campaign_id = c.id) AS Stories,
               (SELECT COUNT(*) FROM listening_candidate k WHERE k.campaign_id = c.id) AS Candidates,
               (SELECT COUNT(*) FROM listening_candidate k WHERE k.campaign_id = c.id AND k.status = 'prioritised') AS Prioritised
        FROM listening_campaign c WHERE c.id = @id
        """;
    private const string EventIdsSql = "SELECT id FROM listening_event WHERE campaign_id = @id";
    private const string DeleteSql = "DELETE FROM listening_campaign WHERE id = @id";

    private static async Task<Summary?> ReadAsync(DbSession session, ListeningScope scope, Guid id, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var summary = await connection.QuerySingleOrDefaultAsync<Summary>(new CommandDefinition(SummarySql, new { id }, session.Transaction, cancellationToken: ct));
        return summary is not null && await scope.ManagesAsync(summary.TeamId, ct) ? summary : null;
    }

    internal sealed class QueryHandler(DbSession session, ListeningScope scope) : IQueryHandler<Query, Summary?>
    {
        public async ValueTask<Summary?> Handle(Query query, CancellationToken ct) => await ReadAsync(session, scope, query.Id, ct);
    }

    internal sealed class Handler(DbSession session, ListeningScope scope, EventWithdrawal withdrawal) : ICommandHandler<Command, Deleted>
    {
        public async ValueTask<Deleted> Handle(Command command, CancellationToken ct)
        {
            var summary = await ReadAsync(session, scope, command.Id, ct) ?? throw new ValidationFailedException("", NoSuchCampaign);
            if (summary.Prioritised > 0) throw new ValidationFailedException("", OnTheAgenda(summary.Prioritised));
            var connection = await session.ConnectionAsync(ct);
            var events = (await connection.QueryAsync<Guid>(new CommandDefinition(EventIdsSql, new { id = command.Id }, session.Transaction, cancellationToken: ct))).ToList();
            await withdrawal.WithdrawAsync(events, ct);
            // The foreign keys' cascades take the networks, events (with their people, issues raised, themes and stories) and candidate issues.
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id = command.Id }, session.Transaction, cancellationToken: ct));
            return new Deleted(summary.Name, summary.Events, summary.Raised, summary.Stories, summary.Candidates);
        }
    }
}
