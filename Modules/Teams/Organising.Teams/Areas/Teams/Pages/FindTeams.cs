using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>
/// The teams list: the teams the user may see (every team for Organisers and Observers, else their own), each with its
/// status, network, member count and a count per pipeline stage. Numbers and team names only: no person is named.
/// </summary>
public static class FindTeams
{
    /// <summary>PageSize null means every row (the CSV export). An unknown status is ignored.</summary>
    public sealed record Query(string? Search, string? Status, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Status { get; init; } = "";
        public Guid? NetworkId { get; init; }
        public int Members { get; init; }
        public string? NetworkName { get; set; }
        public IReadOnlyDictionary<string, int> Stages { get; set; } = new Dictionary<string, int>();
        /// <summary>Whether the user may open the team's page (it names people).</summary>
        public bool CanOpen { get; set; }

        public int StageCount(string stage) => Stages.TryGetValue(stage, out var n) ? n : 0;
    }

    /// <summary><paramref name="AnyTeams"/> tells a first run from a search that found nothing.</summary>
    public sealed record Result(Paged<Row> Teams, bool AnyTeams);

    private const string Filter = """
        AND (@pattern IS NULL OR lower(t.name) LIKE @pattern ESCAPE '\')
        AND (@status IS NULL OR t.status = @status)
        """;

    private sealed class StageCountRow
    {
        public Guid TeamId { get; init; }
        public string Stage { get; init; } = "";
        public int Count { get; init; }
    }

    // Counted for the page's teams only, grouped: one query however many teams are shown.
    private const string StageCountsSql = """
        SELECT r.team_id AS TeamId, r.stage AS Stage, COUNT(*) AS Count
        FROM teams_recruit r WHERE r.team_id IN (SELECT value FROM json_each(@ids))
        GROUP BY r.team_id, r.stage
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var parameters = new DynamicParameters(new
            {
                pattern = SqlText.ContainsPattern(query.Search),
                status = TeamStatuses.All.Contains(query.Status ?? "") ? query.Status : null,
                limit = size,
                offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            });
            var condition = await scope.TeamConditionAsync(parameters, ct);
            var countSql = $"SELECT COUNT(*) FROM teams_team t WHERE {condition} {Filter}";
            var pageSql = $"""
                SELECT t.id AS Id, t.name AS Name, t.status AS Status, t.network_id AS NetworkId,
                       (SELECT COUNT(*) FROM teams_member m WHERE m.team_id = t.id) AS Members
                FROM teams_team t WHERE {condition} {Filter}
                ORDER BY lower(t.name), t.id
                LIMIT @limit OFFSET @offset
                """;
            var anySql = $"SELECT COUNT(*) FROM (SELECT 1 FROM teams_team t WHERE {condition} LIMIT 1) AS one";

            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(countSql, parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(pageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            if (rows.Count > 0)
            {
                var counts = (await connection.QueryAsync<StageCountRow>(new CommandDefinition(StageCountsSql,
                    new { ids = SqlText.IdList(rows.Select(r => r.Id)) }, session.Transaction, cancellationToken: ct))).ToLookup(c => c.TeamId);
                var networks = rows.Any(r => r.NetworkId is not null)
                    ? (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name)
                    : [];
                foreach (var row in rows)
                {
                    row.Stages = counts[row.Id].ToDictionary(c => c.Stage, c => c.Count);
                    row.NetworkName = row.NetworkId is { } n && networks.TryGetValue(n, out var name) ? name : null;
                    row.CanOpen = await scope.SeesMembersAsync(row.Id, ct);
                }
            }
            var any = total > 0 || await connection.ExecuteScalarAsync<int>(new CommandDefinition(anySql, parameters, session.Transaction, cancellationToken: ct)) > 0;
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), any);
        }
    }
}
