using Dapper;
using Mediator;
using Organising.Listening.Areas.Listening.Pages.Campaigns;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages;

/// <summary>
/// The campaign list: the campaigns the user may see (every one for Organisers and Observers, else their teams'),
/// each with its team, networks, dates, conversations recorded against target and status. No person is named.
/// </summary>
public static class FindCampaigns
{
    /// <summary>PageSize null means every row (the CSV export). An unknown status is ignored.</summary>
    public sealed record Query(string? Search, string? Status, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
        public string StartsOn { get; init; } = "";
        public string EndsOn { get; init; } = "";
        public int TargetConversations { get; init; }
        public string Status { get; init; } = "";
        public int Conversations { get; init; }
        public string TeamName { get; set; } = "";
        public IReadOnlyList<string> Networks { get; set; } = [];
        /// <summary>Whether the user may edit it (the list shows an Edit link).</summary>
        public bool CanManage { get; set; }
    }

    /// <summary>
    /// <paramref name="AnyCampaigns"/> tells a first run from a search that found nothing. <paramref name="MayStart"/>:
    /// the user may start a campaign (Organisers, and Leaders of a team).
    /// </summary>
    public sealed record Result(Paged<Row> Campaigns, bool AnyCampaigns, bool MayStart);

    private const string Filter = """
        AND (@pattern IS NULL OR lower(c.name) LIKE @pattern ESCAPE '\')
        AND (@status IS NULL OR c.status = @status)
        """;

    private sealed class NetworkRow
    {
        public Guid CampaignId { get; init; }
        public Guid NetworkId { get; init; }
    }

    private const string NetworksSql = """
        SELECT campaign_id AS CampaignId, network_id AS NetworkId FROM listening_campaign_network
        WHERE campaign_id IN (SELECT value FROM json_each(@ids))
        """;

    // Kept until the next write: counting every campaign's events is the page's cost. Which campaigns, and which may be
    // edited, depend on who is looking, so the key says who. Searches are not kept: their keys would have no bound.
    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender, ReadCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct) => string.IsNullOrEmpty(query.Search)
            ? await cache.GetOrLoadAsync(session, $"listening.campaigns:{scope.CacheKey}:{query.Status}:{query.Page}:{query.PageSize}", () => LoadAsync(query, ct))
            : await LoadAsync(query, ct);

        private async ValueTask<Result> LoadAsync(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var parameters = new DynamicParameters(new
            {
                limit = size,
                offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            });
            parameters.Add("pattern", SqlText.ContainsPattern(query.Search), System.Data.DbType.String);
            parameters.Add("status", CampaignStatuses.All.Contains(query.Status ?? "") ? query.Status : null, System.Data.DbType.String);
            var condition = await scope.CampaignConditionAsync(parameters, ct);
            var countSql = $"SELECT COUNT(*) FROM listening_campaign c WHERE {condition} {Filter}";
            var pageSql = $"""
                SELECT c.id AS Id, c.name AS Name, c.team_id AS TeamId, c.starts_on AS StartsOn, c.ends_on AS EndsOn,
                       c.target_conversations AS TargetConversations, c.status AS Status,
                       (SELECT COUNT(*) FROM listening_event e WHERE e.campaign_id = c.id) AS Conversations
                FROM listening_campaign c WHERE {condition} {Filter}
                ORDER BY c.starts_on DESC, lower(c.name), c.id
                LIMIT @limit OFFSET @offset
                """;
            var anySql = $"SELECT COUNT(*) FROM (SELECT 1 FROM listening_campaign c WHERE {condition} LIMIT 1) AS one";

            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(countSql, parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(pageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            if (rows.Count > 0)
            {
                var byCampaign = (await connection.QueryAsync<NetworkRow>(new CommandDefinition(NetworksSql,
                    new { ids = SqlText.IdList(rows.Select(r => r.Id)) }, session.Transaction, cancellationToken: ct))).ToLookup(n => n.CampaignId, n => n.NetworkId);
                var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name);
                var teams = (await sender.Send(new ListTeams(), ct)).ToDictionary(t => t.Id, t => t.Name);
                foreach (var row in rows)
                {
                    row.TeamName = teams.GetValueOrDefault(row.TeamId) ?? "A team no longer listed";
                    row.Networks = byCampaign[row.Id].Select(n => networks.GetValueOrDefault(n) ?? "A network no longer listed")
                        .Order(StringComparer.CurrentCultureIgnoreCase).ToList();
                    row.CanManage = await scope.ManagesAsync(row.TeamId, ct);
                }
            }
            var any = total > 0 || await connection.ExecuteScalarAsync<int>(new CommandDefinition(anySql, parameters, session.Transaction, cancellationToken: ct)) > 0;
            var mayStart = scope.SeesAll || (await scope.LedTeamsAsync(ct)).Count > 0;
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), any, mayStart);
        }
    }
}
