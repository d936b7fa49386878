using System.Data.Common;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// People the user may see, searched and filtered, in a stable order (name, then id). The CSV export with
/// special-category columns is a command, so that it is audited; only Organisers get those columns.
/// </summary>
public static class ListPeople
{
    /// <summary>InstitutionName matches any institution whose name contains it (a list of 2,000 institutions is no dropdown).</summary>
    public sealed record Filters(string? Search = null, Guid? NetworkId = null, Guid? InstitutionId = null, string? Role = null,
        string? Language = null, bool IncludeErased = false, string? InstitutionName = null);

    /// <summary>PageSize null means every row (the CSV export).</summary>
    public sealed record Query(Filters Filters, int Page, int? PageSize) : IQuery<Result>;

    /// <summary>Every matching row with ethnicity, faith and health conditions: written to the audit log.</summary>
    public sealed record ExportWithSpecialCategory(Filters Filters) : ICommand<Result>, IAuditedCommand
    {
        public AuditEntry DescribeForAudit(object? response) =>
            new("networks.people-exported-special-category", "person", null,
                $"People exported to CSV with special-category data ({(response as Result)?.People.Total ?? 0} people).");
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public string? PreferredName { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Postcode { get; init; }
        public string? PreferredLanguage { get; init; }
        public string? ContactChannel { get; init; }
        public string? AccessNeeds { get; init; }
        public bool NewToInvolvement { get; init; }
        public string? HowWeMet { get; init; }
        public string? Ethnicity { get; init; }
        public string? Faith { get; init; }
        public string? HealthConditions { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public Guid? MergedInto { get; init; }
        public List<string> Roles { get; } = [];
        public List<string> Networks { get; } = [];
        public List<string> Affiliations { get; } = [];
        public string? ContactConsent { get; set; }
    }

    public sealed class Option
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    public sealed record Result(Paged<Row> People, IReadOnlyList<Option> Networks, IReadOnlyList<Option> Institutions,
        bool IncludesSpecialCategory, bool AnyoneVisible);

    private sealed class LinkRow
    {
        public Guid PersonId { get; init; }
        public string Kind { get; init; } = "";
        public string Value { get; init; } = "";
    }

    private const string Columns = """
        p.id, p.full_name, p.preferred_name, p.email, p.phone, p.postcode, p.preferred_language, p.contact_channel, p.access_needs,
        p.new_to_involvement, p.how_we_met,
        CASE WHEN @special = 1 THEN p.ethnicity END AS ethnicity,
        CASE WHEN @special = 1 THEN p.faith END AS faith,
        CASE WHEN @special = 1 THEN p.health_conditions END AS health_conditions,
        p.created_at, p.erased_at, p.merged_into
        """;

    /// <summary>
    /// The WHERE clause from constant fragments, one per filter in use, so SQLite can use the partial and
    /// link-table indexes (a "@x IS NULL OR ..." form makes it scan every person). Values are parameters.
    /// </summary>
    private static async ValueTask<string> WhereClauseAsync(Filters filters, PeopleScope scope, DynamicParameters args, SqlDialect dialect, CancellationToken ct)
    {
        var conditions = new List<string> { await scope.ConditionAsync(args, ct) };
        if (!filters.IncludeErased) conditions.Add("p.erased_at IS NULL AND p.merged_into IS NULL");
        conditions.Add(PersonSearch.Condition(filters.Search, args, dialect));
        if (filters.NetworkId is { } networkId)
        {
            args.Add("networkId", networkId.ToString("D"));
            conditions.Add("p.id IN (SELECT person_id FROM networks_person_network WHERE network_id = @networkId)");
        }
        if (filters.InstitutionId is { } institutionId)
        {
            args.Add("institutionId", institutionId.ToString("D"));
            conditions.Add("p.id IN (SELECT person_id FROM networks_affiliation WHERE institution_id = @institutionId)");
        }
        if (!string.IsNullOrWhiteSpace(filters.InstitutionName))
        {
            args.Add("institutionName", SqlText.ContainsPattern(filters.InstitutionName));
            conditions.Add("""
                p.id IN (SELECT a.person_id FROM networks_affiliation a JOIN networks_institution i ON i.id = a.institution_id
                         WHERE lower(i.name) LIKE @institutionName ESCAPE '\')
                """);
        }
        if (!string.IsNullOrWhiteSpace(filters.Role))
        {
            args.Add("role", filters.Role);
            conditions.Add("p.id IN (SELECT person_id FROM networks_person_role WHERE role = @role)");
        }
        if (!string.IsNullOrWhiteSpace(filters.Language))
        {
            args.Add("language", filters.Language);
            conditions.Add("p.preferred_language = @language");
        }
        return "WHERE " + string.Join(" AND ", conditions);
    }

    private const string AnyoneSql = $"SELECT EXISTS (SELECT 1 FROM networks_person p WHERE {PeopleScope.SqlFilter} AND p.erased_at IS NULL AND p.merged_into IS NULL)";
    /// <summary>
    /// Roles, networks, affiliations and the current consent to contact of the people on a page, in one statement:
    /// four statements cost four parses and four bindings of the same ids. Parameter: @personIds.
    /// </summary>
    private const string LinksSql = $"""
        SELECT person_id AS PersonId, 'role' AS Kind, role AS Value, role AS Sort FROM networks_person_role WHERE person_id IN (SELECT value FROM json_each(@personIds))
        UNION ALL
        SELECT pn.person_id, 'network', n.name, lower(n.name) FROM networks_person_network pn JOIN networks_network n ON n.id = pn.network_id
        WHERE pn.person_id IN (SELECT value FROM json_each(@personIds))
        UNION ALL
        SELECT a.person_id, 'affiliation', i.name || ' (' || a.role || ')', lower(i.name) FROM networks_affiliation a
        JOIN networks_institution i ON i.id = a.institution_id WHERE a.person_id IN (SELECT value FROM json_each(@personIds))
        UNION ALL
        SELECT current.PersonId, 'consent', current.State, '' FROM ({Consents.CurrentForPeopleSql}) current WHERE current.Purpose = '{ConsentPurposes.Contact}'
        ORDER BY Kind, Sort
        """;
    private const string NetworkOptionsSql = "SELECT id, name FROM networks_network WHERE archived_at IS NULL ORDER BY lower(name), id";
    /// <summary>Only the institution chosen by id (from its own page), to name it: the filter itself is a text box.</summary>
    private const string ChosenInstitutionSql = "SELECT id, name FROM networks_institution WHERE id = @id";

    /// <summary>
    /// A search's current matches, counted in the trigram index less the few erased or merged among them: counting
    /// through the person rows reads the wide row of every match. Parameter: @phrase.
    /// </summary>
    private const string CurrentMatchesSql = """
        SELECT (SELECT COUNT(*) FROM networks_person_search WHERE networks_person_search MATCH @phrase)
             - (SELECT COUNT(*) FROM networks_person p INDEXED BY ix_networks_person_not_current
                WHERE (p.erased_at IS NOT NULL OR p.merged_into IS NOT NULL)
                  AND p.rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @phrase))
        """;

    /// <summary>The phrase when the list is filtered by a search alone, over everyone current; otherwise null.</summary>
    private static string? SearchOnly(Filters filters, PeopleScope scope, SqlDialect dialect) =>
        scope.SeesEveryone && !filters.IncludeErased && filters is { NetworkId: null, InstitutionId: null }
        && string.IsNullOrWhiteSpace(filters.Role) && string.IsNullOrWhiteSpace(filters.Language) && string.IsNullOrWhiteSpace(filters.InstitutionName)
            ? PersonSearch.IndexedPhrase(filters.Search, dialect)
            : null;

    private static async Task<Result> RunAsync(DbSession session, ReadCache cache, PeopleScope scope, Filters filters, int page, int? pageSize, bool special, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        CommandDefinition Q(string sql, object args) => new(sql, args, session.Transaction, cancellationToken: ct);
        var size = pageSize ?? int.MaxValue;
        page = pageSize is null ? 1 : page;
        var args = new DynamicParameters(new
        {
            special = special ? 1 : 0,
            limit = size,
            offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
        });
        var fromWhere = $"FROM networks_person p {await WhereClauseAsync(filters, scope, args, session.Dialect, ct)}";
        // A search alone, over everyone current, is counted and sorted through the search index and the order table.
        var phrase = pageSize is null ? null : SearchOnly(filters, scope, session.Dialect);
        args.Add("phrase", phrase, System.Data.DbType.String);
        // The export wants the exact count; the screen is content with "more than 10,000", and keeps it until the
        // next write, so paging through a list or a search counts its matches once.
        var counted = pageSize is null
            ? await connection.ExecuteScalarAsync<int>(Q($"SELECT COUNT(*) {fromWhere}", args))
            : await cache.GetOrLoadAsync(session, "networks.people.count|" + scope.CacheKey + "|" + System.Text.Json.JsonSerializer.Serialize(filters),
                async () => phrase is not null
                    ? Math.Min(Paging.CountCap + 1, await connection.ExecuteScalarAsync<int>(Q(CurrentMatchesSql, new { phrase })))
                    : await connection.ExecuteScalarAsync<int>(Q(Paging.CappedCount(fromWhere), args)));
        var rows = (await connection.QueryAsync<Row>(Q(phrase is null
            ? $"SELECT {Columns} {fromWhere} ORDER BY lower(p.full_name), p.id LIMIT @limit OFFSET @offset"
            : $"SELECT {Columns} FROM networks_person p WHERE p.rowid IN ({PersonSearch.OrderedMatchesSql}) ORDER BY lower(p.full_name), p.id",
            args))).ToList();
        await AddLinksAsync(connection, session, rows, ct);
        var networks = await cache.GetOrLoadAsync(session, "networks.people.network-options",
            async () => (IReadOnlyList<Option>)(await connection.QueryAsync<Option>(Q(NetworkOptionsSql, new { }))).ToList());
        var institutions = filters.InstitutionId is { } chosen
            ? (await connection.QueryAsync<Option>(Q(ChosenInstitutionSql, new { id = chosen }))).ToList()
            : [];
        var anyone = counted > 0 || await connection.ExecuteScalarAsync<bool>(Q(AnyoneSql, (await scope.WithAsync(ct))));
        var people = pageSize is null
            ? new Paged<Row>(rows, counted, 1, Math.Min(size, Paging.MaxPageSize))
            : Paged<Row>.FromCappedCount(rows, counted, page, Math.Min(size, Paging.MaxPageSize));
        return new Result(people, networks, institutions, special, anyone);
    }

    /// <summary>Roles, networks, affiliations and the current consent to contact, for the rows in hand.</summary>
    private static async Task AddLinksAsync(DbConnection connection, DbSession session, List<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var byId = rows.ToDictionary(r => r.Id);
        var personIds = SqlText.IdList(rows.Select(r => r.Id));
        foreach (var link in await connection.QueryAsync<LinkRow>(new CommandDefinition(LinksSql, new { personIds }, session.Transaction, cancellationToken: ct)))
        {
            var row = byId[link.PersonId];
            switch (link.Kind)
            {
                case "role": row.Roles.Add(link.Value); break;
                case "network": row.Networks.Add(link.Value); break;
                case "affiliation": row.Affiliations.Add(link.Value); break;
                case "consent": row.ContactConsent = link.Value; break;
            }
        }
    }

    internal sealed class Handler(DbSession session, ReadCache cache, PeopleScope scope) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct) =>
            await RunAsync(session, cache, scope, query.Filters, query.Page, query.PageSize, special: false, ct);
    }

    internal sealed class ExportHandler(DbSession session, ReadCache cache, PeopleScope scope) : ICommandHandler<ExportWithSpecialCategory, Result>
    {
        public async ValueTask<Result> Handle(ExportWithSpecialCategory command, CancellationToken ct)
        {
            if (!scope.SeesSpecialCategory) throw new ValidationFailedException("", "Only Organisers may export special-category data.");
            return await RunAsync(session, cache, scope, command.Filters, 1, null, special: true, ct);
        }
    }
}
