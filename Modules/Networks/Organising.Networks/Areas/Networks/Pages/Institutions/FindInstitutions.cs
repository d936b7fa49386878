using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>The institutions list: search by name or postcode, filter by network, type and membership.</summary>
public static class FindInstitutions
{
    /// <summary>Unknown type or membership codes are ignored. PageSize null means every row (the CSV export).</summary>
    public sealed record Query(string? Search, Guid? NetworkId, string? Type, string? Membership, bool IncludeArchived, int Page, int? PageSize)
        : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        /// <summary>Null when there is none or the current user may not see who it is.</summary>
        public string? MainContactName { get; init; }
        public int Members { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
        public IReadOnlyList<string> Networks { get; set; } = [];
    }

    public sealed class NetworkOption
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool IsArchived { get; init; }
    }

    /// <summary><paramref name="AnyInstitutions"/> tells a first run (nothing recorded yet) from a search that found nothing.</summary>
    public sealed record Result(Paged<Row> Institutions, IReadOnlyList<NetworkOption> Networks, bool AnyInstitutions);

    private const string Filter = """
        WHERE (@includeArchived = 1 OR i.archived_at IS NULL)
          AND (@pattern IS NULL OR lower(i.name) LIKE @pattern ESCAPE '\' OR replace(lower(i.postcode), ' ', '') LIKE @compactPattern ESCAPE '\')
          AND (@type IS NULL OR i.type = @type)
          AND (@membership IS NULL OR i.membership = @membership)
          AND (@networkId IS NULL OR EXISTS (SELECT 1 FROM networks_institution_network inn WHERE inn.institution_id = i.id AND inn.network_id = @networkId))
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM networks_institution i {Filter}";

    // The contact's name only when the current user may see that person.
    private const string PageSql = $"""
        SELECT i.id, i.name, i.type, i.membership, i.address, i.postcode, i.archived_at,
               CASE WHEN p.id IS NULL THEN NULL ELSE COALESCE(p.preferred_name, p.full_name) END AS main_contact_name,
               (SELECT COUNT(*) FROM networks_affiliation a JOIN networks_person ap ON ap.id = a.person_id
                 WHERE a.institution_id = i.id AND ap.erased_at IS NULL AND ap.merged_into IS NULL) AS members
        FROM networks_institution i
        LEFT JOIN networks_person p ON p.id = i.main_contact_id AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
        {Filter}
        ORDER BY lower(i.name), i.id
        LIMIT @limit OFFSET @offset
        """;

    private const string NetworksOfPageSql = """
        SELECT inn.institution_id AS InstitutionId, n.name AS Name
        FROM networks_institution_network inn JOIN networks_network n ON n.id = inn.network_id
        WHERE inn.institution_id IN (SELECT value FROM json_each(@ids))
        ORDER BY lower(n.name), n.id
        """;

    private const string NetworkOptionsSql = """
        SELECT id, name, CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END AS is_archived FROM networks_network
        ORDER BY CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, lower(name), id
        """;

    private const string AnySql = "SELECT EXISTS (SELECT 1 FROM networks_institution)";

    private sealed class NetworkOfInstitution
    {
        public Guid InstitutionId { get; init; }
        public string Name { get; init; } = "";
    }

    internal sealed class Handler(DbSession session, PeopleScope scope) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var pattern = SqlText.ContainsPattern(query.Search);
            var args = (await scope.WithAsync(new
            {
                pattern,
                compactPattern = pattern?.Replace(" ", ""),
                type = InstitutionTypes.All.Contains(query.Type ?? "") ? query.Type : null,
                membership = Memberships.All.Contains(query.Membership ?? "") ? query.Membership : null,
                networkId = query.NetworkId,
                includeArchived = query.IncludeArchived ? 1 : 0,
                limit = size,
                offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            }, ct));
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, args, session.Transaction, cancellationToken: ct))).ToList();

            // The networks of the rows shown, in one query rather than one per row.
            if (rows.Count > 0)
            {
                var links = (await connection.QueryAsync<NetworkOfInstitution>(new CommandDefinition(NetworksOfPageSql,
                    new { ids = SqlText.IdList(rows.Select(r => r.Id)) }, session.Transaction, cancellationToken: ct))).ToLookup(l => l.InstitutionId, l => l.Name);
                foreach (var row in rows) row.Networks = links[row.Id].ToList();
            }

            var networks = (await connection.QueryAsync<NetworkOption>(new CommandDefinition(NetworkOptionsSql, transaction: session.Transaction, cancellationToken: ct))).ToList();
            var any = total > 0 || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnySql, transaction: session.Transaction, cancellationToken: ct));
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), networks, any);
        }
    }
}
