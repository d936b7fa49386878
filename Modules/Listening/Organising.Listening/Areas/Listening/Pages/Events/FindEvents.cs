using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// A campaign's events the user may see (managers: all of them; a team member: those they recorded), newest first,
/// with how much was heard at each; searched by place and notes, filtered by type. Null when the user may not record in
/// the campaign (Observers see tallies instead, never this list).
/// </summary>
public static class FindEvents
{
    /// <summary>PageSize null means every row (the CSV export).</summary>
    public sealed record Query(Guid CampaignId, string? Search, string? Type, int Page, int? PageSize) : IQuery<Result?>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public Guid NetworkId { get; init; }
        public int Headcount { get; init; }
        public int Issues { get; init; }
        public int Stories { get; init; }
        public string NetworkName { get; set; } = "";
    }

    /// <param name="AnyEvents">Tells a first run from a search that found nothing.</param>
    /// <param name="SeesAll">The user manages the campaign (sees every event), rather than seeing their own records.</param>
    public sealed record Result(Guid CampaignId, string CampaignName, Paged<Row> Events, bool AnyEvents, bool SeesAll);

    private sealed class CampaignRow
    {
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
    }

    private const string CampaignSql = "SELECT name AS Name, team_id AS TeamId FROM listening_campaign WHERE id = @campaignId";

    private const string Filter = """
        AND (@pattern IS NULL OR lower(COALESCE(e.place, '')) LIKE @pattern ESCAPE '\' OR lower(COALESCE(e.notes, '')) LIKE @pattern ESCAPE '\')
        AND (@type IS NULL OR e.type = @type)
        """;

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var campaign = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(CampaignSql, new { campaignId = query.CampaignId }, session.Transaction, cancellationToken: ct));
            if (campaign is null || !await scope.RecordsInAsync(campaign.TeamId, ct)) return null;

            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var parameters = new DynamicParameters(new { campaignId = query.CampaignId, limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)) });
            parameters.Add("pattern", SqlText.ContainsPattern(query.Search), System.Data.DbType.String);
            parameters.Add("type", EventTypes.All.Contains(query.Type ?? "") ? query.Type : null, System.Data.DbType.String);
            var condition = await scope.EventConditionAsync(parameters, ct);
            var from = $"FROM listening_event e JOIN listening_campaign c ON c.id = e.campaign_id WHERE e.campaign_id = @campaignId AND {condition}";
            var countSql = Paging.CappedCount($"{from} {Filter}");
            var pageSql = $"""
                SELECT e.id AS Id, e.type AS Type, e.held_at AS HeldAt, e.place AS Place, e.network_id AS NetworkId, e.headcount AS Headcount,
                       (SELECT COUNT(*) FROM listening_raised r WHERE r.event_id = e.id) AS Issues,
                       (SELECT COUNT(*) FROM listening_story s WHERE s.event_id = e.id) AS Stories
                {from} {Filter}
                ORDER BY e.held_at DESC, e.id DESC
                LIMIT @limit OFFSET @offset
                """;
            var anySql = $"SELECT COUNT(*) FROM (SELECT 1 {from} LIMIT 1) AS one";

            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(countSql, parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(pageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            if (rows.Count > 0)
            {
                var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name);
                foreach (var row in rows) row.NetworkName = networks.GetValueOrDefault(row.NetworkId, "");
            }
            var any = total > 0 || await connection.ExecuteScalarAsync<int>(new CommandDefinition(anySql, parameters, session.Transaction, cancellationToken: ct)) > 0;
            var paged = query.PageSize is null
                ? new Paged<Row>(rows, rows.Count, 1, Math.Max(1, rows.Count))
                : Paged<Row>.FromCappedCount(rows, total, page, Math.Min(size, Paging.MaxPageSize));
            return new Result(query.CampaignId, campaign.Name, paged, any, await scope.ManagesAsync(campaign.TeamId, ct));
        }
    }
}
