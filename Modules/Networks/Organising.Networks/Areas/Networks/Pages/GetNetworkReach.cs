using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>
/// Who a network actually reaches. Numbers only, never a name: Observers see this page, so no
/// person-level rows leave the database and PeopleScope (which decides whose names a user sees) does not apply.
/// Each figure is one aggregate query over the network's people or institutions.
/// </summary>
public static class GetNetworkReach
{
    public const int LanguagesShown = 10;
    public const string NoRole = "none";

    /// <summary>The roles a person can have (the codes of networks_person_role's CHECK constraint).</summary>
    public static readonly IReadOnlyList<string> PersonRoles = ["patient", "carer", "resident", "clinician", "staff", "other"];

    public static string DescribeRole(string role) => role switch
    {
        "patient" => "Patient",
        "carer" => "Carer",
        "resident" => "Resident",
        "clinician" => "Clinician",
        "staff" => "Staff",
        "other" => "Other",
        NoRole => "No role recorded",
        _ => role,
    };

    /// <summary>"so" reads "Somali"; text that is not a language tag is shown as typed.</summary>
    public static string DescribeLanguage(string language)
    {
        try
        {
            var culture = System.Globalization.CultureInfo.GetCultureInfo(language, predefinedOnly: true);
            return string.IsNullOrEmpty(culture.Name) ? language : culture.EnglishName;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return language;
        }
    }

    public sealed record Query(Guid Id) : IQuery<Reach?>;

    public sealed class Network
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Description { get; init; }
        public string? PostcodeDistricts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
    }

    public sealed class PeopleTotals
    {
        public int People { get; init; }
        public int NewToInvolvement { get; init; }
        /// <summary>People whose latest consent-to-contact record says "given".</summary>
        public int ContactGiven { get; init; }
        /// <summary>People whose latest consent-to-contact record says "withdrawn".</summary>
        public int ContactWithdrawn { get; init; }
        public int ContactNeverRecorded => People - ContactGiven - ContactWithdrawn;
    }

    public sealed record Count(string Label, int Value);

    public sealed record Reach(
        Network Network,
        PeopleTotals People,
        IReadOnlyList<Count> PeopleByRole,
        IReadOnlyList<Count> PeopleByLanguage,
        int Institutions,
        IReadOnlyList<Count> InstitutionsByType,
        IReadOnlyList<Count> InstitutionsByMembership)
    {
        /// <summary>The share of people new to involvement, as a whole percentage; null with nobody to count.</summary>
        public int? NewToInvolvementPercent => People.People == 0 ? null : (int)Math.Round(100.0 * People.NewToInvolvement / People.People, MidpointRounding.AwayFromZero);

        public int? ContactGivenPercent => People.People == 0 ? null : (int)Math.Round(100.0 * People.ContactGiven / People.People, MidpointRounding.AwayFromZero);
    }

    private sealed class Row
    {
        public string Label { get; init; } = "";
        public int Count { get; init; }
    }

    private sealed class LanguageRow
    {
        public string Key { get; init; } = "";
        public string? Label { get; init; }
        public int Count { get; init; }
    }

    private const string NetworkSql = """
        SELECT id, name, kind, description, postcode_districts, created_at, archived_at FROM networks_network WHERE id = @id
        """;

    private const string NetworkPeople = """
        networks_person_network pn JOIN networks_person p ON p.id = pn.person_id
        WHERE pn.network_id = @id AND p.erased_at IS NULL AND p.merged_into IS NULL
        """;

    // Consent to contact is the latest record for that purpose (see People/Consents.cs): the
    // subquery walks ix_networks_consent_person backwards and stops at the first row.
    private const string TotalsSql = $"""
        SELECT COUNT(*) AS people,
               COALESCE(SUM(x.is_new), 0) AS new_to_involvement,
               COALESCE(SUM(CASE WHEN x.contact = 'given' THEN 1 ELSE 0 END), 0) AS contact_given,
               COALESCE(SUM(CASE WHEN x.contact = 'withdrawn' THEN 1 ELSE 0 END), 0) AS contact_withdrawn
        FROM (
            SELECT CASE WHEN p.new_to_involvement <> 0 THEN 1 ELSE 0 END AS is_new,
                   (SELECT c.state FROM networks_consent c
                     WHERE c.person_id = p.id AND c.purpose = 'contact'
                     ORDER BY c.occurred_on DESC, c.recorded_at DESC
                     LIMIT 1) AS contact
            FROM {NetworkPeople}
        ) x
        """;

    private const string RolesSql = $"""
        SELECT COALESCE(r.role, '{NoRole}') AS label, COUNT(*) AS count
        FROM networks_person_network pn JOIN networks_person p ON p.id = pn.person_id
        LEFT JOIN networks_person_role r ON r.person_id = p.id
        WHERE pn.network_id = @id AND p.erased_at IS NULL AND p.merged_into IS NULL
        GROUP BY COALESCE(r.role, '{NoRole}')
        """;

    // Languages are typed in freely: "English" and " english" count together.
    private const string LanguagesSql = $"""
        SELECT COALESCE(lower(trim(p.preferred_language)), '') AS key, MIN(trim(p.preferred_language)) AS label, COUNT(*) AS count
        FROM {NetworkPeople}
        GROUP BY COALESCE(lower(trim(p.preferred_language)), '')
        ORDER BY COUNT(*) DESC, 1
        """;

    private const string InstitutionsByTypeSql = """
        SELECT i.type AS label, COUNT(*) AS count
        FROM networks_institution_network inn JOIN networks_institution i ON i.id = inn.institution_id
        WHERE inn.network_id = @id AND i.archived_at IS NULL
        GROUP BY i.type
        """;

    private const string InstitutionsByMembershipSql = """
        SELECT i.membership AS label, COUNT(*) AS count
        FROM networks_institution_network inn JOIN networks_institution i ON i.id = inn.institution_id
        WHERE inn.network_id = @id AND i.archived_at IS NULL
        GROUP BY i.membership
        """;

    internal sealed class Handler(DbSession session, ReadCache cache) : IQueryHandler<Query, Reach?>
    {
        // Counting over every member costs tens of milliseconds on a large network; the figures change only with a write.
        public ValueTask<Reach?> Handle(Query query, CancellationToken ct) =>
            cache.GetOrLoadAsync(session, $"networks.reach.{query.Id:N}", () => LoadAsync(query, ct));

        private async ValueTask<Reach?> LoadAsync(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var args = new { id = query.Id };
            CommandDefinition Sql(string sql) => new(sql, args, session.Transaction, cancellationToken: ct);

            var network = await connection.QuerySingleOrDefaultAsync<Network>(Sql(NetworkSql));
            if (network is null) return null;
            var totals = await connection.QuerySingleAsync<PeopleTotals>(Sql(TotalsSql));

            var roles = (await connection.QueryAsync<Row>(Sql(RolesSql))).ToDictionary(r => r.Label, r => r.Count);
            var byRole = PersonRoles.Append(NoRole)
                .Select(role => new Count(role, roles.GetValueOrDefault(role)))
                .Where(c => c.Label != NoRole || c.Value > 0)
                .ToList();

            var languages = (await connection.QueryAsync<LanguageRow>(Sql(LanguagesSql))).ToList();
            var recorded = languages.Where(l => l.Key != "").ToList();
            var byLanguage = recorded.Take(LanguagesShown).Select(l => new Count(DescribeLanguage(l.Label ?? l.Key), l.Count)).ToList();
            var others = recorded.Skip(LanguagesShown).Sum(l => l.Count);
            if (others > 0) byLanguage.Add(new Count("Other languages", others));
            var notRecorded = languages.Where(l => l.Key == "").Sum(l => l.Count);
            if (notRecorded > 0) byLanguage.Add(new Count("Not recorded", notRecorded));

            var types = (await connection.QueryAsync<Row>(Sql(InstitutionsByTypeSql))).ToDictionary(r => r.Label, r => r.Count);
            var memberships = (await connection.QueryAsync<Row>(Sql(InstitutionsByMembershipSql))).ToDictionary(r => r.Label, r => r.Count);

            return new Reach(
                network,
                totals,
                byRole,
                byLanguage,
                types.Values.Sum(),
                Institutions.InstitutionTypes.All.Where(types.ContainsKey).Select(t => new Count(t, types[t])).ToList(),
                Institutions.Memberships.All.Select(m => new Count(m, memberships.GetValueOrDefault(m))).ToList());
        }
    }
}
