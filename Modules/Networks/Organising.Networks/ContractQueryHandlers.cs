using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Data;

namespace Organising.Networks;

/// <summary>The answers this module gives other modules through its Contracts.</summary>
internal static class ContractQueryHandlers
{
    private const string SummaryColumns = """
        p.id AS Id, COALESCE(p.preferred_name, p.full_name) AS DisplayName, p.postcode AS Postcode,
        CASE WHEN p.erased_at IS NULL THEN 0 ELSE 1 END AS IsErased
        """;

    internal sealed class PeopleByIds(DbSession session) : IQueryHandler<GetPeopleByIds, IReadOnlyList<PersonSummary>>
    {
        private const string Sql = $"SELECT {SummaryColumns} FROM networks_person p WHERE p.id IN (SELECT value FROM json_each(@ids))";

        public async ValueTask<IReadOnlyList<PersonSummary>> Handle(GetPeopleByIds query, CancellationToken ct)
        {
            if (query.Ids.Count == 0) return [];
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<PersonSummary>(new CommandDefinition(Sql, new { ids = SqlText.IdList(query.Ids) }, session.Transaction, cancellationToken: ct))).AsList();
        }
    }

    internal sealed class VisiblePeople(DbSession session, PeopleScope scope) : IQueryHandler<GetVisiblePeople, IReadOnlyList<PersonSummary>>
    {
        private const string Sql = $"""
            SELECT {SummaryColumns} FROM networks_person p
            WHERE p.id IN (SELECT value FROM json_each(@ids)) AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
            """;

        public async ValueTask<IReadOnlyList<PersonSummary>> Handle(GetVisiblePeople query, CancellationToken ct)
        {
            if (query.Ids.Count == 0) return [];
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<PersonSummary>(new CommandDefinition(Sql, await scope.WithAsync(new { ids = SqlText.IdList(query.Ids) }, ct),
                session.Transaction, cancellationToken: ct))).AsList();
        }
    }

    internal sealed class Search(DbSession session, PeopleScope scope) : IQueryHandler<SearchPeople, IReadOnlyList<PersonSummary>>
    {
        public async ValueTask<IReadOnlyList<PersonSummary>> Handle(SearchPeople query, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(query.Text)) return [];
            // Everyone's matches for a fragment the trigram index serves are sorted in the narrow order table.
            var phrase = scope.SeesEveryone ? PersonSearch.IndexedPhrase(query.Text, session.Dialect) : null;
            var parameters = (await scope.WithAsync(new { limit = Math.Clamp(query.Limit, 1, 100), offset = 0, phrase }, ct));
            var sql = phrase is not null
                ? $"SELECT {SummaryColumns} FROM networks_person p WHERE p.rowid IN ({PersonSearch.OrderedMatchesSql}) ORDER BY lower(p.full_name), p.id"
                : $"""
                    SELECT {SummaryColumns} FROM networks_person p
                    WHERE p.erased_at IS NULL AND p.merged_into IS NULL AND {PersonSearch.Condition(query.Text, parameters, session.Dialect)} AND {PeopleScope.SqlFilter}
                    ORDER BY lower(p.full_name), p.id
                    LIMIT @limit
                    """;
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<PersonSummary>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: ct))).ToList();
        }
    }

    /// <summary>Other modules ask for the networks on most of their pages; the list changes rarely, so it is kept until the next write.</summary>
    internal sealed class Networks(DbSession session, ReadCache cache) : IQueryHandler<ListNetworks, IReadOnlyList<NetworkSummary>>
    {
        private const string Sql = """
            SELECT id AS Id, name AS Name, kind AS Kind, CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END AS IsArchived
            FROM networks_network WHERE (@includeArchived = 1 OR archived_at IS NULL)
            ORDER BY lower(name), id
            """;

        public async ValueTask<IReadOnlyList<NetworkSummary>> Handle(ListNetworks query, CancellationToken ct) =>
            await cache.GetOrLoadAsync(session, $"networks.list|{query.IncludeArchived}", async () =>
            {
                var connection = await session.ConnectionAsync(ct);
                return (IReadOnlyList<NetworkSummary>)(await connection.QueryAsync<NetworkSummary>(new CommandDefinition(Sql,
                    new { includeArchived = query.IncludeArchived ? 1 : 0 }, session.Transaction, cancellationToken: ct))).ToList();
            });
    }

    internal sealed class Institutions(DbSession session) : IQueryHandler<ListInstitutions, IReadOnlyList<InstitutionSummary>>
    {
        private const string Sql = """
            SELECT i.id AS Id, i.name AS Name, i.type AS Type, i.membership AS Membership
            FROM networks_institution i
            WHERE i.archived_at IS NULL
              AND (@networkId IS NULL OR EXISTS (SELECT 1 FROM networks_institution_network n WHERE n.institution_id = i.id AND n.network_id = @networkId))
            ORDER BY lower(i.name), i.id
            """;

        public async ValueTask<IReadOnlyList<InstitutionSummary>> Handle(ListInstitutions query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<InstitutionSummary>(new CommandDefinition(Sql,
                new { networkId = query.NetworkId?.ToString() }, session.Transaction, cancellationToken: ct))).ToList();
        }
    }
}
