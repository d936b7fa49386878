using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Data;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Workbench;

/// <summary>
/// A campaign's workbench: its candidate issues (total score, votes and points, issues raised and stories behind each)
/// and a finder over the issues raised in it (text search, theme filter, paging). Only for those who manage the
/// campaign's team: null otherwise. Issue text is what was heard, not personal data; no teller is named here.
/// </summary>
public static class GetWorkbench
{
    /// <summary>PageSize null means every matching row (the CSV).</summary>
    public sealed record Query(Guid CampaignId, string? Search, Guid? ThemeId, int Page, int? PageSize = Paging.DefaultPageSize) : IQuery<Result?>;

    public sealed class Candidate
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public int TotalScore { get; init; }
        public int Scored { get; init; }
        public int Votes { get; init; }
        public int Points { get; init; }
        public int RaisedCount { get; init; }
        public int StoryCount { get; init; }
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Text { get; init; } = "";
        public Guid EventId { get; init; }
        public string EventType { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public int Stories { get; init; }
        public int Candidates { get; init; }
        public string HeldOn { get; set; } = "";
        public IReadOnlyList<string> Themes { get; set; } = [];
    }

    public sealed record Campaign(Guid Id, string Name);

    public sealed record Result(Campaign Campaign, IReadOnlyList<Candidate> Candidates, Paged<Row> Raised, bool AnyRaised,
        IReadOnlyList<(Guid Id, string Name)> Themes);

    private const string CandidatesSql = """
        SELECT k.id AS Id, k.title AS Title, k.status AS Status,
               (SELECT COALESCE(SUM(s.score), 0) FROM listening_candidate_score s WHERE s.candidate_id = k.id) AS TotalScore,
               (SELECT COUNT(*) FROM listening_candidate_score s WHERE s.candidate_id = k.id) AS Scored,
               (SELECT COUNT(*) FROM listening_vote v WHERE v.candidate_id = k.id) AS Votes,
               (SELECT COALESCE(SUM(v.points), 0) FROM listening_vote v WHERE v.candidate_id = k.id) AS Points,
               (SELECT COUNT(*) FROM listening_candidate_raised cr WHERE cr.candidate_id = k.id) AS RaisedCount,
               (SELECT COUNT(*) FROM listening_candidate_raised cr JOIN listening_story st ON st.raised_id = cr.raised_id WHERE cr.candidate_id = k.id) AS StoryCount
        FROM listening_candidate k
        WHERE k.campaign_id = @campaignId
        ORDER BY CASE k.status WHEN 'prioritised' THEN 0 WHEN 'candidate' THEN 1 ELSE 2 END, lower(k.title), k.id
        """;

    private const string Filter = """
        FROM listening_event e JOIN listening_raised r ON r.event_id = e.id
        WHERE e.campaign_id = @campaignId
          AND (@pattern IS NULL OR lower(r.text) LIKE @pattern ESCAPE '\')
          AND (@themeId IS NULL OR EXISTS (SELECT 1 FROM listening_raised_theme rt WHERE rt.raised_id = r.id AND rt.theme_id = @themeId))
        """;

    private const string PageSql = $"""
        SELECT r.id AS Id, r.text AS Text, e.id AS EventId, e.type AS EventType, e.held_at AS HeldAt,
               (SELECT COUNT(*) FROM listening_story st WHERE st.raised_id = r.id) AS Stories,
               (SELECT COUNT(*) FROM listening_candidate_raised cr WHERE cr.raised_id = r.id) AS Candidates
        {Filter}
        ORDER BY e.held_at DESC, e.id, r.position, r.id
        LIMIT @limit OFFSET @offset
        """;

    private const string AnySql = "SELECT COUNT(*) FROM (SELECT 1 FROM listening_raised r WHERE r.campaign_id = @campaignId LIMIT 1) AS one";

    // Filtered by the event's campaign, so the newest events are read first through their index and a page stops early.
    internal sealed class Handler(DbSession session, CandidateAccess access, ThemeNames themes, OrganisationTime time, ReadCache cache) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            if (await access.FindCampaignAsync(query.CampaignId, ct) is not { } campaign) return null;
            // Pages of the unfiltered list are kept until the next write (whoever may open the workbench sees the same
            // thing). Searches and the CSV are not: their keys would have no bound, and a full cache empties itself.
            if (!string.IsNullOrEmpty(query.Search) || query.ThemeId is not null || query.PageSize is null) return await LoadAsync(query, campaign, ct);
            return await cache.GetOrLoadAsync<Result?>(session, $"listening.workbench:{campaign.Id}:{query.Page}:{query.PageSize}",
                async () => await LoadAsync(query, campaign, ct));
        }

        private async Task<Result> LoadAsync(Query query, CandidateAccess.Campaign campaign, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize is { } s ? Paging.ClampSize(s) : int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var parameters = new DynamicParameters(new { campaignId = campaign.Id, limit = size, offset = query.PageSize is null ? 0 : Paging.Offset(page, size) });
            parameters.Add("pattern", SqlText.ContainsPattern(query.Search), System.Data.DbType.String);
            parameters.Add("themeId", query.ThemeId?.ToString(), System.Data.DbType.String);

            var candidates = (await connection.QueryAsync<Candidate>(new CommandDefinition(CandidatesSql, new { campaignId = campaign.Id }, session.Transaction, cancellationToken: ct))).ToList();
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Paging.CappedCount(Filter), parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            var names = await themes.OfRaisedAsync(rows.Select(r => r.Id).ToList(), ct);
            foreach (var row in rows)
            {
                row.HeldOn = await time.FormatAsync(row.HeldAt, "d MMM yyyy");
                row.Themes = names.TryGetValue(row.Id, out var n) ? n : [];
            }
            var any = total > 0 || await connection.ExecuteScalarAsync<int>(new CommandDefinition(AnySql, new { campaignId = campaign.Id }, session.Transaction, cancellationToken: ct)) > 0;
            var paged = query.PageSize is null
                ? new Paged<Row>(rows, rows.Count, 1, Math.Max(1, rows.Count))
                : Paged<Row>.FromCappedCount(rows, total, page, size);
            return new Result(new Campaign(campaign.Id, campaign.Name), candidates, paged, any, await themes.AllAsync(ct));
        }
    }
}
