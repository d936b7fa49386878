using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Organising.Networks.People;
using Organising.Platform.Data;
using Organising.Platform.Settings;

namespace Organising.Networks.Import;

/// <summary>
/// People from a CSV. A row is the person with its e-mail address, else the person with its external id; then it
/// updates them (a filled cell replaces the stored value, an empty cell keeps it; roles and networks are added to),
/// or it adds a new person. A row with neither key that looks like someone already recorded is refused, so
/// importing the same file twice adds nobody twice. Consent and special-category data are not imported: they are
/// recorded with their wording and channel on each person's page.
/// </summary>
internal static class PeopleImport
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("full_name", "Full name", 200, Required: true, "name"),
        new("preferred_name", "Preferred name", 100),
        new("email", "E-mail", 254, false, "email_address", "e-mail address"),
        new("phone", "Phone", 40, false, "phone_number", "mobile", "telephone"),
        new("postcode", "Postcode", 12, false, "post_code"),
        new("preferred_language", "Preferred language", 60, false, "language"),
        new("contact_channel", "Contact channel", 20),
        new("access_needs", "Access needs", 1000),
        new("roles", "Roles", 200, false, "role"),
        new("networks", "Networks", 2000, false, "network"),
        new("new_to_involvement", "New to involvement", 10),
        new("how_we_met", "How we met", 1000),
        new("external_id", "External id", 100, false, "external_reference", "reference"),
    ];

    private const int FullName = 0, PreferredName = 1, Email = 2, Phone = 3, Postcode = 4, Language = 5, Channel = 6, AccessNeeds = 7,
        Roles = 8, Networks = 9, NewToInvolvement = 10, HowWeMet = 11, ExternalId = 12;

    private static readonly EmailAddressAttribute EmailRule = new();

    /// <summary>What confirming a row writes: the person's values after the row is applied.</summary>
    public sealed class Plan
    {
        public Guid Id { get; init; }
        public bool IsNew { get; init; }
        public bool Changed { get; set; }
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
        public string? ExternalId { get; init; }
        public List<string> AddRoles { get; init; } = [];
        public List<Guid> AddNetworks { get; init; } = [];
    }

    private sealed class Existing
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public string? PreferredName { get; init; }
        public string? Email { get; init; }
        public string? EmailNormalized { get; init; }
        public string? Phone { get; init; }
        public string? PhoneNormalized { get; init; }
        public string? Postcode { get; init; }
        public string? PostcodeNormalized { get; init; }
        public string? PreferredLanguage { get; init; }
        public string? ContactChannel { get; init; }
        public string? AccessNeeds { get; init; }
        public bool NewToInvolvement { get; init; }
        public string? HowWeMet { get; init; }
        public string? ExternalId { get; init; }
        public HashSet<string> Roles { get; } = [];
        public HashSet<Guid> Networks { get; } = [];
    }

    private sealed class Link
    {
        public Guid PersonId { get; init; }
        public string Value { get; init; } = "";
    }

    private const string ExistingColumns = """
        SELECT p.id, p.full_name, p.preferred_name, p.email, p.email_normalized, p.phone, p.phone_normalized, p.postcode, p.postcode_normalized,
               p.preferred_language, p.contact_channel, p.access_needs, p.new_to_involvement, p.how_we_met, p.external_id
        FROM networks_person p
        """;
    private const string ByEmailSql = $"{ExistingColumns} WHERE p.email_normalized IN {ImportLookups.Keys} AND p.erased_at IS NULL AND p.merged_into IS NULL";
    private const string ByExternalIdSql = $"{ExistingColumns} WHERE p.external_id IN {ImportLookups.Keys} AND p.erased_at IS NULL AND p.merged_into IS NULL";
    private const string ByNameSql = $"{ExistingColumns} WHERE lower(p.full_name) IN {ImportLookups.Keys} AND p.erased_at IS NULL AND p.merged_into IS NULL";
    private const string RolesSql = $"SELECT person_id, role AS value FROM networks_person_role WHERE person_id IN {ImportLookups.Keys}";
    private const string NetworksSql = $"SELECT person_id, network_id AS value FROM networks_person_network WHERE person_id IN {ImportLookups.Keys}";

    /// <summary>Checks every row against the file and the database. Reads only: nothing is written.</summary>
    public static async Task<List<CheckedRow<Plan>>> CheckAsync(DbConnection connection, DbTransaction? transaction, ImportFile file, CancellationToken ct)
    {
        var rows = file.Rows;
        var networks = await ImportLookups.NetworksByNameAsync(connection, transaction, ct);

        var emails = rows.Select(r => PersonSearchText.NormaliseEmail(r.Values[Email])).OfType<string>();
        var externalIds = rows.Select(r => r.Values[ExternalId]).OfType<string>();
        var keylessNames = rows.Where(r => r.Values[Email] is null && r.Values[ExternalId] is null && r.Values[FullName] is not null)
            .Select(r => r.Values[FullName]!.ToLowerInvariant());

        var byEmail = new Dictionary<string, Existing>();
        foreach (var p in await ImportLookups.InKeysAsync<Existing>(connection, transaction, ByEmailSql, emails, ct))
            byEmail.TryAdd(p.EmailNormalized!, p);
        var byExternalId = new Dictionary<string, List<Existing>>();
        foreach (var p in await ImportLookups.InKeysAsync<Existing>(connection, transaction, ByExternalIdSql, externalIds, ct))
            (byExternalId.TryGetValue(p.ExternalId!, out var list) ? list : byExternalId[p.ExternalId!] = []).Add(p);
        var byName = (await ImportLookups.InKeysAsync<Existing>(connection, transaction, ByNameSql, keylessNames, ct))
            .ToLookup(p => p.FullName.ToLowerInvariant());

        var matched = byEmail.Values.Concat(byExternalId.Values.SelectMany(l => l)).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var ids = matched.Keys.Select(id => id.ToString("D")).ToList();
        foreach (var link in await ImportLookups.InKeysAsync<Link>(connection, transaction, RolesSql, ids, ct)) matched[link.PersonId].Roles.Add(link.Value);
        foreach (var link in await ImportLookups.InKeysAsync<Link>(connection, transaction, NetworksSql, ids, ct)) matched[link.PersonId].Networks.Add(Guid.Parse(link.Value));

        var seenEmails = new Dictionary<string, int>();
        var seenExternalIds = new Dictionary<string, int>();
        var seenPeople = new Dictionary<Guid, int>();
        var seenKeyless = new Dictionary<string, int>();
        var results = new List<CheckedRow<Plan>>(rows.Count);
        foreach (var row in rows)
        {
            var v = row.Values;
            var errors = new List<string>();
            for (var c = 0; c < Columns.Count; c++) if (ImportLookups.TooLong(Columns[c], v[c]) is { } tooLong) errors.Add(tooLong);

            if (v[FullName] is null) errors.Add("Enter their full name: it is the one thing every person needs.");
            var email = PersonSearchText.NormaliseEmail(v[Email]);
            if (v[Email] is { } rawEmail && (!EmailRule.IsValid(rawEmail) || rawEmail.Any(char.IsWhiteSpace)))
            {
                errors.Add($"“{rawEmail}” is not an e-mail address like name@example.org.");
                email = null;
            }
            if (v[Phone] is { } phone)
            {
                var digits = PersonSearchText.NormalisePhone(phone)?.Length ?? 0;
                if (digits < 7 || digits > 15 || phone.Any(ch => !char.IsAsciiDigit(ch) && " +-().".IndexOf(ch) < 0))
                    errors.Add($"“{phone}” is not a phone number of 7 to 15 digits, like 07700 900123.");
            }
            if (v[Postcode] is { } postcode && !PersonSearchText.IsPostcode(postcode)) errors.Add($"“{postcode}” is not a UK postcode like E14 5AB.");
            var language = v[Language] is { } typed
                ? OrganisationSettings.Languages.FirstOrDefault(l => l.Code.Equals(typed, StringComparison.OrdinalIgnoreCase) || l.Name.Equals(typed, StringComparison.OrdinalIgnoreCase)).Code ?? typed
                : null;
            string? channel = null;
            if (v[Channel] is { } typedChannel)
            {
                channel = PersonOptions.ContactChannels.FirstOrDefault(c => c.Equals(typedChannel, StringComparison.OrdinalIgnoreCase)
                    || PersonOptions.DescribeChannel(c).Equals(typedChannel, StringComparison.OrdinalIgnoreCase));
                if (channel is null) errors.Add($"“{typedChannel}” is not a contact channel: use {string.Join(", ", PersonOptions.ContactChannels)}.");
            }
            var roles = new List<string>();
            foreach (var typedRole in ImportLookups.SplitList(v[Roles]))
            {
                var role = PersonOptions.Roles.FirstOrDefault(r => r.Equals(typedRole, StringComparison.OrdinalIgnoreCase));
                if (role is null) errors.Add($"“{typedRole}” is not a role: use {string.Join(", ", PersonOptions.Roles)}.");
                else roles.Add(role);
            }
            var networkIds = ImportLookups.ResolveNetworks(v[Networks], networks, errors);
            bool? newToInvolvement = null;
            if (v[NewToInvolvement] is { } typedNew && (newToInvolvement = ImportLookups.YesNo(typedNew)) is null)
                errors.Add($"“{typedNew}” under New to involvement should be yes or no.");

            // Which person the row is.
            var externalId = v[ExternalId];
            Existing? existing = null;
            if (email is not null && byEmail.TryGetValue(email, out var emailMatch)) existing = emailMatch;
            if (externalId is not null && byExternalId.TryGetValue(externalId, out var idMatches))
            {
                if (existing is null && idMatches.Count > 1)
                    errors.Add($"Several people have the external id “{externalId}”: merge them first, or match this row on their e-mail address.");
                else if (existing is null) existing = idMatches[0];
                else if (idMatches.All(p => p.Id != existing.Id))
                    errors.Add($"Duplicate of an existing person: the e-mail address is {existing.FullName}'s but the external id “{externalId}” is {idMatches[0].FullName}'s.");
            }
            if (existing is null && email is null && externalId is null && v[FullName] is { } name)
            {
                var rowPhone = PersonSearchText.NormalisePhone(v[Phone]);
                var rowPostcode = PersonSearchText.NormalisePostcode(v[Postcode]);
                var same = byName[name.ToLowerInvariant()].FirstOrDefault(p =>
                    (rowPhone is null || p.PhoneNormalized is null || p.PhoneNormalized == rowPhone)
                    && (rowPostcode is null || p.PostcodeNormalized is null || p.PostcodeNormalized == rowPostcode));
                if (same is not null)
                {
                    errors.Add($"Duplicate of an existing person: {same.FullName} is already recorded. Add their e-mail address or external id to update them, "
                        + "or leave the row out.");
                }
                var keyless = $"{name.ToLowerInvariant()}|{rowPhone}|{rowPostcode}";
                if (seenKeyless.TryGetValue(keyless, out var firstKeyless)) errors.Add($"The same person as row {firstKeyless}.");
                else seenKeyless[keyless] = row.Number;
            }

            if (email is not null)
            {
                if (seenEmails.TryGetValue(email, out var first)) errors.Add($"The same e-mail address as row {first}.");
                else seenEmails[email] = row.Number;
            }
            if (externalId is not null)
            {
                if (seenExternalIds.TryGetValue(externalId, out var first)) errors.Add($"The same external id as row {first}.");
                else seenExternalIds[externalId] = row.Number;
            }
            if (existing is not null && errors.Count == 0)
            {
                if (seenPeople.TryGetValue(existing.Id, out var first)) errors.Add($"Row {first} is the same person.");
                else seenPeople[existing.Id] = row.Number;
            }

            var result = new ImportRowResult { Row = row.Number, Name = Shorten(v[FullName]), Key = Shorten(v[Email] ?? externalId), Errors = errors };
            if (errors.Count > 0)
            {
                result.Status = RowStatuses.Error;
                results.Add(new CheckedRow<Plan>(result, null));
                continue;
            }

            var plan = existing is null
                ? new Plan
                {
                    Id = Guid.CreateVersion7(), IsNew = true, Changed = true, FullName = v[FullName]!, PreferredName = v[PreferredName], Email = v[Email],
                    Phone = v[Phone], Postcode = PersonSearchText.FormatPostcode(v[Postcode]), PreferredLanguage = language, ContactChannel = channel,
                    AccessNeeds = v[AccessNeeds], NewToInvolvement = newToInvolvement ?? false, HowWeMet = v[HowWeMet], ExternalId = externalId,
                    AddRoles = roles, AddNetworks = networkIds,
                }
                : Update(existing, v, language, channel, newToInvolvement, roles, networkIds);
            result.Status = plan.IsNew ? RowStatuses.New : plan.Changed ? RowStatuses.Updated : RowStatuses.Unchanged;
            results.Add(new CheckedRow<Plan>(result, plan));
        }
        return results;
    }

    private static Plan Update(Existing e, string?[] v, string? language, string? channel, bool? newToInvolvement, List<string> roles, List<Guid> networkIds)
    {
        var plan = new Plan
        {
            Id = e.Id, IsNew = false, FullName = v[FullName] ?? e.FullName, PreferredName = v[PreferredName] ?? e.PreferredName,
            Email = v[Email] ?? e.Email, Phone = v[Phone] ?? e.Phone, Postcode = PersonSearchText.FormatPostcode(v[Postcode]) ?? e.Postcode,
            PreferredLanguage = language ?? e.PreferredLanguage, ContactChannel = channel ?? e.ContactChannel, AccessNeeds = v[AccessNeeds] ?? e.AccessNeeds,
            NewToInvolvement = newToInvolvement ?? e.NewToInvolvement, HowWeMet = v[HowWeMet] ?? e.HowWeMet, ExternalId = v[ExternalId] ?? e.ExternalId,
            AddRoles = roles.Where(r => !e.Roles.Contains(r)).ToList(), AddNetworks = networkIds.Where(n => !e.Networks.Contains(n)).ToList(),
        };
        plan.Changed = plan.FullName != e.FullName || plan.PreferredName != e.PreferredName || plan.Email != e.Email || plan.Phone != e.Phone
            || plan.Postcode != e.Postcode || plan.PreferredLanguage != e.PreferredLanguage || plan.ContactChannel != e.ContactChannel
            || plan.AccessNeeds != e.AccessNeeds || plan.NewToInvolvement != e.NewToInvolvement || plan.HowWeMet != e.HowWeMet
            || plan.ExternalId != e.ExternalId || plan.AddRoles.Count > 0 || plan.AddNetworks.Count > 0;
        return plan;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length > 80 ? value[..80] + "…" : value;

    private const string InsertSql = """
        INSERT INTO networks_person (id, full_name, preferred_name, email, email_normalized, phone, phone_normalized, postcode, postcode_normalized,
            preferred_language, contact_channel, access_needs, new_to_involvement, how_we_met, external_id, search_text, created_at, created_by, updated_at)
        VALUES (@id, @fullName, @preferredName, @email, @emailNormalized, @phone, @phoneNormalized, @postcode, @postcodeNormalized,
            @preferredLanguage, @contactChannel, @accessNeeds, @newToInvolvement, @howWeMet, @externalId, @searchText, @now, @userId, @now)
        """;
    private const string UpdateSql = """
        UPDATE networks_person SET full_name = @fullName, preferred_name = @preferredName, email = @email, email_normalized = @emailNormalized,
            phone = @phone, phone_normalized = @phoneNormalized, postcode = @postcode, postcode_normalized = @postcodeNormalized,
            preferred_language = @preferredLanguage, contact_channel = @contactChannel, access_needs = @accessNeeds,
            new_to_involvement = @newToInvolvement, how_we_met = @howWeMet, external_id = @externalId, search_text = @searchText, updated_at = @now
        WHERE id = @id
        """;
    private static readonly string[] PersonParameters =
    [
        "@id", "@fullName", "@preferredName", "@email", "@emailNormalized", "@phone", "@phoneNormalized", "@postcode", "@postcodeNormalized",
        "@preferredLanguage", "@contactChannel", "@accessNeeds", "@newToInvolvement", "@howWeMet", "@externalId", "@searchText", "@now", "@userId",
    ];
    private const string InsertRoleSql = "INSERT INTO networks_person_role (person_id, role) VALUES (@id, @role) ON CONFLICT DO NOTHING";
    private const string InsertNetworkSql = "INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @networkId) ON CONFLICT DO NOTHING";

    /// <summary>Writes the plans of rows without errors: prepared commands, run in the caller's transaction.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<Plan> plans, Guid? userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cache = await ImportLookups.LargerCacheAsync(connection, transaction, ct);
        await using var insert = ImportLookups.Prepare(connection, transaction, InsertSql, PersonParameters);
        await using var update = ImportLookups.Prepare(connection, transaction, UpdateSql, PersonParameters);
        await using var role = ImportLookups.Prepare(connection, transaction, InsertRoleSql, "@id", "@role");
        await using var network = ImportLookups.Prepare(connection, transaction, InsertNetworkSql, "@id", "@networkId");
        var nowText = DapperTypeHandlers.ToDbText(now);
        var user = userId?.ToString("D");
        foreach (var p in plans.Where(p => p.Changed))
        {
            var id = p.Id.ToString("D");
            await ImportLookups.RunAsync(p.IsNew ? insert : update, ct,
                id, p.FullName, p.PreferredName, p.Email, PersonSearchText.NormaliseEmail(p.Email), p.Phone, PersonSearchText.NormalisePhone(p.Phone),
                p.Postcode, PersonSearchText.NormalisePostcode(p.Postcode), p.PreferredLanguage, p.ContactChannel, p.AccessNeeds,
                p.NewToInvolvement ? 1 : 0, p.HowWeMet, p.ExternalId, PersonSearchText.Build(p.FullName, p.PreferredName, p.Email, p.Phone, p.Postcode),
                nowText, user);
            foreach (var r in p.AddRoles) await ImportLookups.RunAsync(role, ct, id, r);
            foreach (var n in p.AddNetworks) await ImportLookups.RunAsync(network, ct, id, n.ToString("D"));
        }
    }
}
