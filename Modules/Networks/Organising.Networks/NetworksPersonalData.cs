using Dapper;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Networks;

/// <summary>Everything this module holds about one person, for a subject-access export.</summary>
internal sealed class NetworksPersonalData(DbSession session) : IPersonalDataSource
{
    private const string ProfileSql = """
        SELECT full_name, preferred_name, email, phone, postcode, preferred_language, contact_channel, access_needs,
               new_to_involvement, how_we_met, ethnicity, faith, health_conditions, external_id, created_at, updated_at, erased_at
        FROM networks_person WHERE id = @personId
        """;
    private const string RolesSql = "SELECT role FROM networks_person_role WHERE person_id = @personId ORDER BY role";
    private const string NetworksSql = """
        SELECT n.name FROM networks_person_network pn JOIN networks_network n ON n.id = pn.network_id
        WHERE pn.person_id = @personId ORDER BY n.name
        """;
    private const string AffiliationsSql = """
        SELECT i.name AS institution, a.role AS role FROM networks_affiliation a JOIN networks_institution i ON i.id = a.institution_id
        WHERE a.person_id = @personId ORDER BY i.name
        """;
    private const string ConsentsSql = """
        SELECT purpose, state, wording, occurred_on, channel, recorded_at FROM networks_consent
        WHERE person_id = @personId ORDER BY occurred_on, recorded_at
        """;
    private const string NotesSql = "SELECT body, created_at FROM networks_person_note WHERE person_id = @personId ORDER BY created_at";
    private const string ContactForSql = "SELECT name FROM networks_institution WHERE main_contact_id = @personId ORDER BY name";

    public async ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        CommandDefinition Q(string sql) => new(sql, new { personId }, session.Transaction, cancellationToken: ct);

        var profile = (IDictionary<string, object?>?)await connection.QuerySingleOrDefaultAsync(Q(ProfileSql));
        if (profile is null) return null;

        var records = new List<PersonalDataRecord>
        {
            new("Profile", profile.Select(kv => new KeyValuePair<string, string?>(Label(kv.Key), kv.Value?.ToString())).ToList()),
            new("Roles", (await connection.QueryAsync<string>(Q(RolesSql))).Select(r => new KeyValuePair<string, string?>("Role", r)).ToList()),
            new("Networks", (await connection.QueryAsync<string>(Q(NetworksSql))).Select(n => new KeyValuePair<string, string?>("Network", n)).ToList()),
        };
        foreach (var a in await connection.QueryAsync(Q(AffiliationsSql)))
        {
            records.Add(new("Affiliation", [new("Institution", (string)a.institution), new("Role there", (string)a.role)]));
        }
        foreach (var name in await connection.QueryAsync<string>(Q(ContactForSql)))
        {
            records.Add(new("Main contact for", [new("Institution", name)]));
        }
        foreach (var c in await connection.QueryAsync(Q(ConsentsSql)))
        {
            records.Add(new("Consent", [
                new("Purpose", ConsentPurposes.Describe((string)c.purpose)), new("State", (string)c.state), new("Wording", (string)c.wording),
                new("Date", (string)c.occurred_on), new("How", (string)c.channel), new("Recorded at", (string)c.recorded_at)]));
        }
        foreach (var n in await connection.QueryAsync(Q(NotesSql)))
        {
            records.Add(new("Note", [new("Written at", (string)n.created_at), new("Text", (string)n.body)]));
        }
        return new PersonalDataSection("networks", "Networks: profile, affiliations and consent", records);
    }

    private static string Label(string column) => column switch
    {
        "full_name" => "Full name",
        "preferred_name" => "Preferred name",
        "email" => "E-mail",
        "phone" => "Phone",
        "postcode" => "Postcode",
        "preferred_language" => "Preferred language",
        "contact_channel" => "Preferred contact channel",
        "access_needs" => "Access needs",
        "new_to_involvement" => "New to involvement (1 = yes)",
        "how_we_met" => "How we met",
        "ethnicity" => "Ethnicity",
        "faith" => "Faith",
        "health_conditions" => "Health conditions",
        "external_id" => "External id",
        "created_at" => "Recorded at",
        "updated_at" => "Last changed at",
        "erased_at" => "Erased at",
        _ => column,
    };
}
