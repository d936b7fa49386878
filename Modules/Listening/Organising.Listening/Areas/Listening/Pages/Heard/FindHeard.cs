using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Heard;

/// <summary>
/// Everything heard in a campaign that the user may see (ListeningScope.EventConditionAsync: everything for Organisers,
/// a Leader's led teams, else what the user recorded): issues raised with their themes, and stories with their consent.
/// Observers get nothing here (their numbers are on the tallies). The default CSV has no personal data: no teller, and a
/// story's text only when its consent is 'public'. The CSV with personal data is a command (audited), for Organisers.
/// </summary>
public static class FindHeard
{
    public const string Raised = "raised";
    public const string Stories = "stories";
    public const string NotShared = "(not shared)";

    /// <summary>PageSize null means every row of both lists (the CSV export); else one page of <paramref name="Show"/>.</summary>
    public sealed record Query(Guid CampaignId, string? Search, string Show, int Page, int? PageSize) : IQuery<Result?>;

    /// <summary>Every row with tellers' names and every story's text: Organisers only, written to the audit log.</summary>
    public sealed record ExportWithPersonalData(Guid CampaignId, string? Search) : ICommand<Result?>, IAuditedCommand
    {
        public AuditEntry? DescribeForAudit(object? response) => response is Result result
            ? new("listening.heard-exported-personal", "campaign", CampaignId.ToString(),
                $"Everything heard in “{result.CampaignName}” exported to CSV with personal data ({result.Raised.Total} issues raised, {result.Stories.Total} stories).")
            : null;
    }

    public sealed class RaisedRow
    {
        public Guid Id { get; init; }
        public string Text { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public Guid NetworkId { get; init; }
        public Guid EventId { get; init; }
        public string? NetworkName { get; set; }
        public List<string> Themes { get; } = [];
    }

    public sealed class StoryRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Text { get; init; } = "";
        public string Consent { get; init; } = "";
        public Guid? TellerPersonId { get; init; }
        public string? TellerLabel { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public Guid NetworkId { get; init; }
        public Guid EventId { get; init; }
        public string? NetworkName { get; set; }
        public string? TellerName { get; set; }
    }

    /// <param name="IncludesPersonalData">Tellers' names and every story's text are in the rows (never for the plain CSV).</param>
    public sealed record Result(Guid CampaignId, string CampaignName, Paged<RaisedRow> Raised, Paged<StoryRow> Stories, bool IncludesPersonalData);

    private sealed class CampaignRow
    {
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
    }

    private const string CampaignSql = "SELECT name AS Name, team_id AS TeamId FROM listening_campaign WHERE id = @campaign";

    private const string RaisedFrom = """
        FROM listening_event e
        JOIN listening_raised r ON r.event_id = e.id
        JOIN listening_campaign c ON c.id = e.campaign_id
        WHERE e.campaign_id = @campaign AND {0}
          AND (@pattern IS NULL OR lower(r.text) LIKE @pattern ESCAPE '\')
        """;

    private const string StoriesFrom = """
        FROM listening_event e
        JOIN listening_story s ON s.event_id = e.id
        JOIN listening_campaign c ON c.id = e.campaign_id
        WHERE e.campaign_id = @campaign AND {0}
          AND (@pattern IS NULL OR lower(s.text) LIKE @pattern ESCAPE '\' OR lower(COALESCE(s.teller_label, '')) LIKE @pattern ESCAPE '\')
        """;

    private const string RaisedSelect = """
        SELECT r.id AS Id, r.text AS Text, e.type AS Type, e.held_at AS HeldAt, e.network_id AS NetworkId, e.id AS EventId
        {0}
        ORDER BY e.held_at DESC, e.id, r.position, r.id
        LIMIT @limit OFFSET @offset
        """;

    private const string StoriesSelect = """
        SELECT s.id AS Id, s.kind AS Kind, s.text AS Text, s.consent AS Consent, s.teller_person_id AS TellerPersonId, s.teller_label AS TellerLabel,
               e.type AS Type, e.held_at AS HeldAt, e.network_id AS NetworkId, e.id AS EventId
        {0}
        ORDER BY e.held_at DESC, e.id, s.position, s.id
        LIMIT @limit OFFSET @offset
        """;

    // Filtered by the event's campaign, so the newest events are read first through their index and a page stops early.
    // A page (not the CSV) is kept until the next write: what it holds depends on who is looking, so the key says who.
    // Only a page without search text is kept: searches are many and each would be a key, filling the cache (and a full
    // cache is cleared whole).
    internal sealed class Handler(DbSession session, ListeningScope scope, ThemeNames themeNames, ISender sender, ReadCache cache) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct) => query.PageSize is null || !string.IsNullOrWhiteSpace(query.Search)
            ? await LoadAsync(session, scope, themeNames, sender, query.CampaignId, query.Search, query.Show, query.Page, query.PageSize, personal: false, ct)
            : await cache.GetOrLoadAsync(session, $"listening.heard:{scope.CacheKey}:{query.CampaignId}:{query.Show}:{query.Page}:{query.PageSize}",
                () => LoadAsync(session, scope, themeNames, sender, query.CampaignId, query.Search, query.Show, query.Page, query.PageSize, personal: false, ct));
    }

    internal sealed class ExportHandler(DbSession session, ListeningScope scope, ThemeNames themeNames, ISender sender) : ICommandHandler<ExportWithPersonalData, Result?>
    {
        public async ValueTask<Result?> Handle(ExportWithPersonalData command, CancellationToken ct)
        {
            if (!scope.SeesAll) throw new ValidationFailedException("", "Only Organisers can export what was heard with personal data.");
            return await LoadAsync(session, scope, themeNames, sender, command.CampaignId, command.Search, Raised, 1, null, personal: true, ct);
        }
    }

    private static async ValueTask<Result?> LoadAsync(DbSession session, ListeningScope scope, ThemeNames themeNames, ISender sender, Guid campaignId, string? search, string show,
        int page, int? pageSize, bool personal, CancellationToken ct)
    {
        if (scope.IsObserver) return null;
        var connection = await session.ConnectionAsync(ct);
        var campaign = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(CampaignSql, new { campaign = campaignId }, session.Transaction, cancellationToken: ct));
        if (campaign is null || !await scope.SeesCampaignAsync(campaign.TeamId, ct)) return null;

        var all = pageSize is null;
        var size = Math.Min(pageSize ?? int.MaxValue, all ? int.MaxValue : Paging.MaxPageSize);
        var parameters = new DynamicParameters(new { campaign = campaignId, pattern = SqlText.ContainsPattern(search), limit = size, offset = all ? 0 : Paging.Offset(page, size) });
        var condition = await scope.EventConditionAsync(parameters, ct);
        var raisedFrom = string.Format(RaisedFrom, condition);
        var storiesFrom = string.Format(StoriesFrom, condition);

        var raisedCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Paging.CappedCount(raisedFrom), parameters, session.Transaction, cancellationToken: ct));
        var storiesCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Paging.CappedCount(storiesFrom), parameters, session.Transaction, cancellationToken: ct));
        var raised = all || show != Stories
            ? (await connection.QueryAsync<RaisedRow>(new CommandDefinition(string.Format(RaisedSelect, raisedFrom), parameters, session.Transaction, cancellationToken: ct))).ToList()
            : [];
        var stories = all || show == Stories
            ? (await connection.QueryAsync<StoryRow>(new CommandDefinition(string.Format(StoriesSelect, storiesFrom), parameters, session.Transaction, cancellationToken: ct))).ToList()
            : [];

        if (raised.Count > 0)
        {
            var tags = await themeNames.OfRaisedAsync(raised.Select(r => r.Id).ToList(), ct);
            foreach (var row in raised) row.Themes.AddRange(tags.GetValueOrDefault(row.Id, []).Order(StringComparer.CurrentCultureIgnoreCase));
        }
        if (raised.Count > 0 || stories.Count > 0)
        {
            var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name);
            foreach (var row in raised) row.NetworkName = networks.GetValueOrDefault(row.NetworkId);
            foreach (var row in stories) row.NetworkName = networks.GetValueOrDefault(row.NetworkId);
        }
        // Names are read for the page (its viewer may see these events) and the personal export; the plain CSV leaves them out.
        var tellers = stories.Where(s => s.TellerPersonId is not null).Select(s => s.TellerPersonId!.Value).Distinct().ToList();
        if (tellers.Count > 0 && (personal || !all))
        {
            var names = (await sender.Send(new GetPeopleByIds(tellers), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            foreach (var row in stories) row.TellerName = row.TellerPersonId is { } t ? names.GetValueOrDefault(t) : null;
        }
        var pageNumber = all ? 1 : page;
        var listSize = all ? Math.Max(1, Math.Max(raised.Count, stories.Count)) : size;
        return new Result(campaignId, campaign.Name,
            Paged<RaisedRow>.FromCappedCount(raised, all ? raised.Count : raisedCount, pageNumber, listSize),
            Paged<StoryRow>.FromCappedCount(stories, all ? stories.Count : storiesCount, pageNumber, listSize), personal);
    }
}
