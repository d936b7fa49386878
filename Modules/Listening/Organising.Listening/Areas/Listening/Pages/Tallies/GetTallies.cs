using System.Globalization;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Listening.Areas.Listening.Pages.Tallies;

/// <summary>
/// A campaign's tallies: conversations against target; issues raised by theme, by network and by event type; and events
/// and issues raised per week. Numbers only (no name, no story text), so Observers see them whole. Computed in a few
/// grouped queries over the campaign_id indexes and kept in the read cache per campaign until the next write: the
/// numbers do not depend on who asks, only whether they may (checked after, on every request).
/// </summary>
public static class GetTallies
{
    /// <summary>Null when there is no such campaign or the user may not see it.</summary>
    public sealed record Query(Guid CampaignId) : IQuery<Tallies?>;

    public sealed record Campaign(Guid Id, string Name, Guid TeamId, int Target);

    public sealed record ThemeCount(Guid ThemeId, string Name, string? Code, int Raised);

    public sealed record GroupCount(string Key, string Label, int Events, int People, int Raised);

    /// <param name="WeekStarting">The Monday (UTC date of the events) that starts the week.</param>
    public sealed record Week(DateOnly WeekStarting, int Events, int Raised);

    public sealed record Tallies(Campaign Campaign, int Conversations, int People, int Raised, int Untagged, int Stories,
        IReadOnlyDictionary<string, int> StoriesByConsent, IReadOnlyList<ThemeCount> ByTheme, IReadOnlyList<GroupCount> ByNetwork,
        IReadOnlyList<GroupCount> ByType, IReadOnlyList<Week> Weeks)
    {
        /// <summary>Conversations as a whole percentage of the target (null when there is no target).</summary>
        public int? PercentOfTarget => Campaign.Target > 0 ? (int)Math.Round(100.0 * Conversations / Campaign.Target) : null;
    }

    private sealed class CampaignRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
        public int Target { get; init; }
    }

    private sealed class EventGroup
    {
        public Guid NetworkId { get; init; }
        public string Type { get; init; } = "";
        public string Day { get; init; } = "";
        public int Events { get; init; }
        public int People { get; init; }
        public int Raised { get; init; }
    }

    private sealed class ThemeRow
    {
        public Guid ThemeId { get; init; }
        public string Name { get; init; } = "";
        public string? Code { get; init; }
        public int Raised { get; init; }
    }

    private sealed class ConsentRow
    {
        public string Consent { get; init; } = "";
        public int Stories { get; init; }
    }

    private const string CampaignSql = """
        SELECT c.id AS Id, c.name AS Name, c.team_id AS TeamId, c.target_conversations AS Target
        FROM listening_campaign c WHERE c.id = @id
        """;

    // One row per network, type and (UTC) day: every event tally is a sum over these. The issues raised per event are
    // counted on the event's index, so no row of listening_raised is read twice.
    private const string EventGroupsSql = """
        SELECT x.network_id AS NetworkId, x.type AS Type, x.day AS Day, COUNT(*) AS Events,
               CAST(SUM(x.headcount) AS INTEGER) AS People, CAST(SUM(x.raised) AS INTEGER) AS Raised
        FROM (SELECT e.network_id, e.type, substr(e.held_at, 1, 10) AS day, e.headcount,
                     (SELECT COUNT(*) FROM listening_raised r WHERE r.event_id = e.id) AS raised
              FROM listening_event e WHERE e.campaign_id = @id) AS x
        GROUP BY x.network_id, x.type, x.day
        """;

    private const string ThemesSql = """
        SELECT t.id AS ThemeId, t.name AS Name, t.code AS Code, CAST(COALESCE(x.n, 0) AS INTEGER) AS Raised
        FROM listening_theme t
        LEFT JOIN (SELECT rt.theme_id, COUNT(*) AS n FROM listening_raised_theme rt WHERE rt.campaign_id = @id GROUP BY rt.theme_id) AS x
          ON x.theme_id = t.id
        """;

    private const string UntaggedSql = """
        SELECT COUNT(*) FROM listening_raised r
        WHERE r.campaign_id = @id AND NOT EXISTS (SELECT 1 FROM listening_raised_theme rt WHERE rt.raised_id = r.id)
        """;

    private const string StoriesSql = "SELECT s.consent AS Consent, COUNT(*) AS Stories FROM listening_story s WHERE s.campaign_id = @id GROUP BY s.consent";

    private const string NetworksSql = "SELECT network_id FROM listening_campaign_network WHERE campaign_id = @id";

    internal sealed class Handler(DbSession session, ReadCache cache, ListeningScope scope, ISender sender) : IQueryHandler<Query, Tallies?>
    {
        public async ValueTask<Tallies?> Handle(Query query, CancellationToken ct)
        {
            var tallies = await cache.GetOrLoadAsync(session, $"listening.tallies:{query.CampaignId}", () => LoadAsync(query.CampaignId, ct));
            if (tallies is null || !await scope.SeesCampaignAsync(tallies.Campaign.TeamId, ct)) return null;
            return tallies;
        }

        private async ValueTask<Tallies?> LoadAsync(Guid id, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var args = new { id };
            CommandDefinition Sql(string sql) => new(sql, args, session.Transaction, cancellationToken: ct);

            var c = await connection.QuerySingleOrDefaultAsync<CampaignRow>(Sql(CampaignSql));
            if (c is null) return null;
            var groups = (await connection.QueryAsync<EventGroup>(Sql(EventGroupsSql))).ToList();
            var themes = (await connection.QueryAsync<ThemeRow>(Sql(ThemesSql))).ToList();
            var untagged = await connection.ExecuteScalarAsync<int>(Sql(UntaggedSql));
            var consents = (await connection.QueryAsync<ConsentRow>(Sql(StoriesSql))).ToDictionary(r => r.Consent, r => r.Stories);
            var campaignNetworks = (await connection.QueryAsync<Guid>(Sql(NetworksSql))).ToList();

            var networkIds = campaignNetworks.Concat(groups.Select(g => g.NetworkId)).Distinct().ToList();
            var names = networkIds.Count == 0 ? new Dictionary<Guid, string>()
                : (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name);

            var byNetwork = networkIds
                .Select(n => Sum(groups.Where(g => g.NetworkId == n), n.ToString(), names.GetValueOrDefault(n, "A network no longer listed")))
                .OrderByDescending(g => g.Raised).ThenBy(g => g.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
            var byType = Organising.Listening.Events.EventTypes.All.Select(t => Sum(groups.Where(g => g.Type == t), t, Organising.Listening.Events.EventTypes.Describe(t))).ToList();
            var byTheme = themes.Select(t => new ThemeCount(t.ThemeId, t.Name, Organising.Listening.Events.ThemeCodes.CodeFor(t.Name, t.Code), t.Raised))
                .OrderByDescending(t => t.Raised).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

            return new Tallies(
                new Campaign(c.Id, c.Name, c.TeamId, c.Target),
                groups.Sum(g => g.Events), groups.Sum(g => g.People), groups.Sum(g => g.Raised), untagged, consents.Values.Sum(), consents,
                byTheme, byNetwork, byType, Weeks(groups));
        }

        private static GroupCount Sum(IEnumerable<EventGroup> groups, string key, string label)
        {
            int events = 0, people = 0, raised = 0;
            foreach (var g in groups) { events += g.Events; people += g.People; raised += g.Raised; }
            return new GroupCount(key, label, events, people, raised);
        }

        /// <summary>Every week from the first event's to the last's, empty weeks included, so the line shows the gaps.</summary>
        private static List<Week> Weeks(IReadOnlyList<EventGroup> groups)
        {
            var byWeek = groups
                .Select(g => (Week: WeekOf(DateOnly.ParseExact(g.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture)), g.Events, g.Raised))
                .GroupBy(g => g.Week)
                .ToDictionary(w => w.Key, w => (Events: w.Sum(x => x.Events), Raised: w.Sum(x => x.Raised)));
            if (byWeek.Count == 0) return [];
            var weeks = new List<Week>();
            for (var week = byWeek.Keys.Min(); week <= byWeek.Keys.Max(); week = week.AddDays(7))
            {
                var (events, raised) = byWeek.GetValueOrDefault(week);
                weeks.Add(new Week(week, events, raised));
            }
            return weeks;
        }

        private static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
