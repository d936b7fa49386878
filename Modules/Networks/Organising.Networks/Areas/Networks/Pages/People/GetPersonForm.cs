using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>What the add and edit form needs: the person's current values (editing) and the lists to choose from.</summary>
public static class GetPersonForm
{
    /// <summary>No PersonId: a blank form. With one: null when the person is not there or not visible to the user.</summary>
    public sealed record Query(Guid? PersonId) : IQuery<Form?>;

    public sealed class Option
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    public sealed class Form
    {
        public SavePerson.Command Input { get; init; } = new();
        public string DisplayName { get; init; } = "";
        public IReadOnlyList<Option> Networks { get; init; } = [];
        public IReadOnlyList<Option> Institutions { get; init; } = [];
        public bool SeesSpecialCategory { get; init; }
        public bool SpecialCategoryConsentGiven { get; init; }
    }

    private sealed class AffiliationRow
    {
        public Guid InstitutionId { get; init; }
        public string Role { get; init; } = "";
    }

    private const string RolesSql = "SELECT role FROM networks_person_role WHERE person_id = @id";
    private const string NetworkIdsSql = "SELECT network_id FROM networks_person_network WHERE person_id = @id";
    private const string AffiliationsSql = """
        SELECT a.institution_id, a.role FROM networks_affiliation a JOIN networks_institution i ON i.id = a.institution_id
        WHERE a.person_id = @id ORDER BY lower(i.name), i.id
        """;
    // Archived networks and institutions stay offered while the person is linked to them, so saving does not drop the link.
    private const string NetworksSql = """
        SELECT n.id, n.name FROM networks_network n
        WHERE n.archived_at IS NULL OR EXISTS (SELECT 1 FROM networks_person_network pn WHERE pn.network_id = n.id AND pn.person_id = @id)
        ORDER BY lower(n.name), n.id
        """;
    private const string InstitutionsSql = """
        SELECT i.id, i.name FROM networks_institution i
        WHERE i.archived_at IS NULL OR EXISTS (SELECT 1 FROM networks_affiliation a WHERE a.institution_id = i.id AND a.person_id = @id)
        ORDER BY lower(i.name), i.id
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope) : IQueryHandler<Query, Form?>
    {
        public async ValueTask<Form?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Q(string sql, object args) => new(sql, args, session.Transaction, cancellationToken: ct);
            var id = query.PersonId;
            var networks = (await connection.QueryAsync<Option>(Q(NetworksSql, new { id }))).ToList();
            var institutions = (await connection.QueryAsync<Option>(Q(InstitutionsSql, new { id }))).ToList();
            if (id is null)
            {
                return new Form { Networks = networks, Institutions = institutions, SeesSpecialCategory = scope.SeesSpecialCategory };
            }

            var row = await StoredPerson.LoadAsync<StoredPerson>(connection, session.Transaction, scope, id.Value, ct);
            if (row is null) return null;
            var consents = await connection.QueryAsync<Consents.Current>(Q(Consents.CurrentForPeopleSql, new { personIds = SqlText.IdList([row.Id]) }));
            var knownLanguage = row.PreferredLanguage is null || PersonOptions.IsKnownLanguage(row.PreferredLanguage);
            var special = scope.SeesSpecialCategory;
            return new Form
            {
                DisplayName = row.PreferredName ?? row.FullName,
                Networks = networks,
                Institutions = institutions,
                SeesSpecialCategory = special,
                SpecialCategoryConsentGiven = consents.Any(c => c.Purpose == ConsentPurposes.SpecialCategory && c.State == "given"),
                Input = new SavePerson.Command
                {
                    Id = row.Id,
                    FullName = row.FullName,
                    PreferredName = row.PreferredName,
                    Email = row.Email,
                    Phone = row.Phone,
                    Postcode = row.Postcode,
                    PreferredLanguage = knownLanguage ? row.PreferredLanguage : PersonOptions.OtherLanguage,
                    OtherLanguage = knownLanguage ? null : row.PreferredLanguage,
                    ContactChannel = row.ContactChannel,
                    AccessNeeds = row.AccessNeeds,
                    NewToInvolvement = row.NewToInvolvement,
                    HowWeMet = row.HowWeMet,
                    Ethnicity = special ? row.Ethnicity : null,
                    Faith = special ? row.Faith : null,
                    HealthConditions = special ? row.HealthConditions : null,
                    Roles = (await connection.QueryAsync<string>(Q(RolesSql, new { id }))).ToList(),
                    NetworkIds = (await connection.QueryAsync<Guid>(Q(NetworkIdsSql, new { id }))).ToList(),
                    Affiliations = (await connection.QueryAsync<AffiliationRow>(Q(AffiliationsSql, new { id })))
                        .Select(a => new SavePerson.Affiliation { InstitutionId = a.InstitutionId, Role = a.Role }).ToList(),
                },
            };
        }
    }
}
