using Dapper;
using Mediator;
using Organising.Networks.People;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>One person's page: profile, links, consent (current and history) and notes. Null when not visible to the user.</summary>
public static class GetPerson
{
    public sealed record Query(Guid PersonId) : IQuery<Details?>;

    public sealed class Profile
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
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public Guid? MergedInto { get; init; }
        public string DisplayName => PreferredName ?? FullName;
    }

    public sealed class Link
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Role { get; init; }
    }

    public sealed class ConsentRecord
    {
        public Guid Id { get; init; }
        public string Purpose { get; init; } = "";
        public string State { get; init; } = "";
        public string Wording { get; init; } = "";
        public string OccurredOn { get; init; } = "";
        public string Channel { get; init; } = "";
        public string? RecordedByName { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
    }

    public sealed class Note
    {
        public Guid Id { get; init; }
        public string Body { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? CreatedByName { get; init; }
    }

    public sealed class Details
    {
        public Profile Person { get; init; } = new();
        public IReadOnlyList<string> Roles { get; init; } = [];
        public IReadOnlyList<Link> Networks { get; init; } = [];
        public IReadOnlyList<Link> Affiliations { get; init; } = [];
        /// <summary>Purpose → "given" or "withdrawn"; a purpose with no record is absent.</summary>
        public IReadOnlyDictionary<string, string> CurrentConsent { get; init; } = new Dictionary<string, string>();
        /// <summary>Newest first.</summary>
        public IReadOnlyList<ConsentRecord> ConsentHistory { get; init; } = [];
        public IReadOnlyList<Note> Notes { get; init; } = [];
        public bool SeesSpecialCategory { get; init; }
        public bool IsCurrent => Person.ErasedAt is null && Person.MergedInto is null;
    }

    private const string ProfileSql = $"""
        SELECT p.id, p.full_name, p.preferred_name, p.email, p.phone, p.postcode, p.preferred_language, p.contact_channel, p.access_needs,
               p.new_to_involvement, p.how_we_met,
               CASE WHEN @special = 1 THEN p.ethnicity END AS ethnicity,
               CASE WHEN @special = 1 THEN p.faith END AS faith,
               CASE WHEN @special = 1 THEN p.health_conditions END AS health_conditions,
               p.created_at, p.updated_at, p.erased_at, p.merged_into
        FROM networks_person p
        WHERE p.id = @id AND {PeopleScope.SqlFilter}
        """;
    private const string RolesSql = "SELECT role FROM networks_person_role WHERE person_id = @id ORDER BY role";
    private const string NetworksSql = """
        SELECT n.id, n.name FROM networks_person_network pn JOIN networks_network n ON n.id = pn.network_id
        WHERE pn.person_id = @id ORDER BY lower(n.name), n.id
        """;
    private const string AffiliationsSql = """
        SELECT i.id, i.name, a.role FROM networks_affiliation a JOIN networks_institution i ON i.id = a.institution_id
        WHERE a.person_id = @id ORDER BY lower(i.name), i.id
        """;
    private const string HistorySql = """
        SELECT id, purpose, state, wording, occurred_on, channel, recorded_by_name, recorded_at FROM networks_consent
        WHERE person_id = @id ORDER BY occurred_on DESC, recorded_at DESC
        """;
    private const string NotesSql = """
        SELECT id, body, created_at, created_by_name FROM networks_person_note WHERE person_id = @id ORDER BY created_at DESC, id DESC
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Q(string sql, object args) => new(sql, args, session.Transaction, cancellationToken: ct);
            var id = query.PersonId;
            var special = scope.SeesSpecialCategory;
            var person = await connection.QuerySingleOrDefaultAsync<Profile>(Q(ProfileSql, (await scope.WithAsync(new { id, special = special ? 1 : 0 }, ct))));
            if (person is null) return null;
            return new Details
            {
                Person = person,
                SeesSpecialCategory = special,
                Roles = (await connection.QueryAsync<string>(Q(RolesSql, new { id }))).ToList(),
                Networks = (await connection.QueryAsync<Link>(Q(NetworksSql, new { id }))).ToList(),
                Affiliations = (await connection.QueryAsync<Link>(Q(AffiliationsSql, new { id }))).ToList(),
                CurrentConsent = (await connection.QueryAsync<Consents.Current>(Q(Consents.CurrentForPeopleSql, new { personIds = SqlText.IdList([id]) })))
                    .ToDictionary(c => c.Purpose, c => c.State),
                ConsentHistory = (await connection.QueryAsync<ConsentRecord>(Q(HistorySql, new { id }))).ToList(),
                Notes = (await connection.QueryAsync<Note>(Q(NotesSql, new { id }))).ToList(),
            };
        }
    }
}
