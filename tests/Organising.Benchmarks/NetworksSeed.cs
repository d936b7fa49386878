using Microsoft.Data.Sqlite;

namespace Organising.Benchmarks;

/// <summary>People, institutions and networks at the scale of a large alliance (default 100,000 / 2,000 / 50).</summary>
internal static class NetworksSeed
{
    private static readonly string[] FirstNames = ["Amina", "Fatima", "Hodan", "Sarah", "Grace", "Mohammed", "James", "Priya", "Olu", "Wei", "Maria", "Tomasz", "Aisha", "David", "Chloe", "Yusuf", "Nadia", "Kwame", "Ellen", "Ravi"];
    private static readonly string[] LastNames = ["Ahmed", "Hassan", "Smith", "Jones", "Okafor", "Patel", "Khan", "Nowak", "Chen", "Williams", "Begum", "Mensah", "Brown", "Ali", "Taylor", "Osei", "Evans", "Singh", "Warsame", "Murphy"];
    private static readonly string[] Languages = ["en-GB", "en-GB", "en-GB", "so", "bn", "ur", "pl", "ar", "pa", "ro"];
    private static readonly string[] Roles = ["patient", "carer", "resident", "clinician", "staff", "other"];
    private static readonly string[] InstitutionTypes = ["faith", "residents", "gp", "school", "charity", "support-group", "hospital-department", "local-authority", "other"];
    private static readonly string[] Memberships = ["member", "partner", "prospect"];
    private static readonly string[] Kinds = ["place", "condition", "community"];

    public static int Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var people = Seeding.IntArg(args, 1, 100_000);
        var institutions = Seeding.IntArg(args, 2, 2_000);
        var networks = Seeding.IntArg(args, 3, 50);
        using var connection = Seeding.Open(args[0]);
        if (connection is null) return 1;

        var random = new Random(7);
        var now = Seeding.Instant(DateTimeOffset.UtcNow);
        using var transaction = connection.BeginTransaction();

        var networkIds = Seeding.Insert(connection, transaction, networks, """
            INSERT INTO networks_network (id, name, kind, description, created_at) VALUES ($id, $name, $kind, 'Generated for benchmarks.', $now)
            """, (command, i) =>
        {
            command.Parameters["$name"].Value = $"Bench network {i:D3}";
            command.Parameters["$kind"].Value = Kinds[i % Kinds.Length];
            command.Parameters["$now"].Value = now;
        }, "$name", "$kind", "$now");

        var personIds = Seeding.Insert(connection, transaction, people, """
            INSERT INTO networks_person (id, full_name, email, email_normalized, phone, phone_normalized, postcode, postcode_normalized,
                preferred_language, new_to_involvement, search_text, created_at, updated_at)
            VALUES ($id, $name, $email, $email, $phone, $phone, $postcode, $postcodeN, $language, $new, $search, $now, $now)
            """, (command, i) =>
        {
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]} {i}";
            var email = $"person{i}@example.org";
            var phone = $"07700{i:D6}";
            var postcode = $"E{1 + (i % 20)} {i % 10}{(char)('A' + i % 26)}{(char)('A' + (i / 26) % 26)}";
            var postcodeN = postcode.Replace(" ", "");
            command.Parameters["$name"].Value = name;
            command.Parameters["$email"].Value = email;
            command.Parameters["$phone"].Value = phone;
            command.Parameters["$postcode"].Value = postcode;
            command.Parameters["$postcodeN"].Value = postcodeN;
            command.Parameters["$language"].Value = Languages[random.Next(Languages.Length)];
            command.Parameters["$new"].Value = random.Next(3) == 0 ? 1 : 0;
            command.Parameters["$search"].Value = $"{name.ToLowerInvariant()}|{email}|{phone}|{postcodeN.ToLowerInvariant()}";
            command.Parameters["$now"].Value = now;
        }, "$name", "$email", "$phone", "$postcode", "$postcodeN", "$language", "$new", "$search", "$now");

        var institutionIds = Seeding.Insert(connection, transaction, institutions, """
            INSERT INTO networks_institution (id, name, type, membership, postcode, created_at) VALUES ($id, $name, $type, $membership, $postcode, $now)
            """, (command, i) =>
        {
            command.Parameters["$name"].Value = $"Bench institution {i:D4}";
            command.Parameters["$type"].Value = InstitutionTypes[i % InstitutionTypes.Length];
            command.Parameters["$membership"].Value = Memberships[i % Memberships.Length];
            command.Parameters["$postcode"].Value = $"E{1 + (i % 20)} 1AA";
            command.Parameters["$now"].Value = now;
        }, "$name", "$type", "$membership", "$postcode", "$now");

        Link(connection, transaction, "INSERT OR IGNORE INTO networks_person_network (person_id, network_id) VALUES ($a, $b)",
            personIds, i => networkIds[i % networkIds.Count]);
        Link(connection, transaction, "INSERT OR IGNORE INTO networks_person_role (person_id, role) VALUES ($a, $b)",
            personIds, i => Roles[i % Roles.Length]);
        Link(connection, transaction, "INSERT OR IGNORE INTO networks_institution_network (institution_id, network_id) VALUES ($a, $b)",
            institutionIds, i => networkIds[(i * 7) % networkIds.Count]);
        Link(connection, transaction, "INSERT OR IGNORE INTO networks_affiliation (person_id, institution_id, role) VALUES ($a, $b, 'member')",
            personIds, i => institutionIds[i % institutionIds.Count]);
        Link(connection, transaction, """
            INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_at)
            VALUES (lower(hex(randomblob(16))), $a, 'contact', $b, 'v1', '2026-01-01', 'paper', '2026-01-01T00:00:00.0000000Z')
            """, personIds, i => i % 5 == 0 ? "withdrawn" : "given");

        transaction.Commit();
        Console.WriteLine($"Seeded {people} people, {institutions} institutions and {networks} networks");
        return 0;
    }

    private static void Link(SqliteConnection connection, SqliteTransaction transaction, string sql, List<string> from, Func<int, string> to)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$a", SqliteType.Text);
        command.Parameters.Add("$b", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < from.Count; i++)
        {
            command.Parameters["$a"].Value = from[i];
            command.Parameters["$b"].Value = to(i);
            command.ExecuteNonQuery();
        }
    }
}
