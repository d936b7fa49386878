using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>
/// The campaign hub: its dates, team, networks and purpose, conversations against target, how much was heard, the
/// latest events the user may see (managers: every one; a Volunteer: those they recorded; Observers: none) and what
/// the user may do from here. Null when the campaign is not there or the user may not see it.
/// </summary>
public static class GetCampaign
{
    public const int RecentEvents = 10;

    public sealed record Query(Guid Id) : IQuery<Hub?>;

    public sealed class Hub
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public Guid TeamId { get; init; }
        public string StartsOn { get; init; } = "";
        public string EndsOn { get; init; } = "";
        public int TargetConversations { get; init; }
        public string Status { get; init; } = "";
        public int Events { get; init; }
        public int Raised { get; init; }
        public int Stories { get; init; }
        public int Candidates { get; init; }

        public string TeamName { get; set; } = "";
        public IReadOnlyList<string> Networks { get; set; } = [];
        public IReadOnlyList<EventRow> Recent { get; set; } = [];

        /// <summary>Whether the user sees any event here at all (managers, and members who record; not Observers).</summary>
        public bool CanRecord { get; set; }
        public bool CanManage { get; set; }
        /// <summary>Whoever records in a campaign sees its events (their own, unless they manage it).</summary>
        public bool SeesEvents => CanRecord;
        /// <summary>Managing a campaign needs the Organiser, Administrator or Leader role, as the workbench's policy does.</summary>
        public bool CanCutIssues => CanManage;

        /// <summary>Conversations recorded (events) as a whole percentage of the target, at most 100 (for the progress bar).</summary>
        public int PercentOfTarget => TargetConversations <= 0 ? (Events > 0 ? 100 : 0) : (int)Math.Min(100, Events * 100L / TargetConversations);
    }

    public sealed class EventRow
    {
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public int Headcount { get; init; }
    }

    private const string CampaignSql = """
        SELECT c.id AS Id, c.name AS Name, c.purpose AS Purpose, c.team_id AS TeamId, c.starts_on AS StartsOn, c.ends_on AS EndsOn,
               c.target_conversations AS TargetConversations, c.status AS Status,
               (SELECT COUNT(*) FROM listening_event e WHERE e.campaign_id = c.id) AS Events,
               (SELECT COUNT(*) FROM listening_raised r WHERE r.campaign_id = c.id) AS Raised,
               (SELECT COUNT(*) FROM listening_story s WHERE s.campaign_id = c.id) AS Stories,
               (SELECT COUNT(*) FROM listening_candidate k WHERE k.campaign_id = c.id) AS Candidates
        FROM listening_campaign c WHERE c.id = @id
        """;
    private const string NetworksSql = "SELECT network_id FROM listening_campaign_network WHERE campaign_id = @id";

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender) : IQueryHandler<Query, Hub?>
    {
        public async ValueTask<Hub?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var hub = await connection.QuerySingleOrDefaultAsync<Hub>(new CommandDefinition(CampaignSql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
            if (hub is null || !await scope.SeesCampaignAsync(hub.TeamId, ct)) return null;

            hub.CanManage = await scope.ManagesAsync(hub.TeamId, ct);
            hub.CanRecord = await scope.RecordsInAsync(hub.TeamId, ct);

            hub.TeamName = (await sender.Send(new ListTeams(), ct)).FirstOrDefault(t => t.Id == hub.TeamId)?.Name ?? "A team no longer listed";
            var networkIds = (await connection.QueryAsync<Guid>(new CommandDefinition(NetworksSql, new { id = hub.Id }, session.Transaction, cancellationToken: ct))).ToHashSet();
            hub.Networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).Where(n => networkIds.Contains(n.Id))
                .Select(n => n.IsArchived ? $"{n.Name} (archived)" : n.Name).Order(StringComparer.CurrentCultureIgnoreCase).ToList();

            if (hub.SeesEvents)
            {
                var parameters = new DynamicParameters(new { id = hub.Id, limit = RecentEvents });
                var condition = await scope.EventConditionAsync(parameters, ct);
                var recentSql = $"""
                    SELECT e.id AS Id, e.type AS Type, e.held_at AS HeldAt, e.place AS Place, e.headcount AS Headcount
                    FROM listening_event e JOIN listening_campaign c ON c.id = e.campaign_id
                    WHERE e.campaign_id = @id AND {condition}
                    ORDER BY e.held_at DESC, e.id DESC
                    LIMIT @limit
                    """;
                hub.Recent = (await connection.QueryAsync<EventRow>(new CommandDefinition(recentSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            }
            return hub;
        }
    }
}
