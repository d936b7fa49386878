using System.Data.Common;
using Organising.Networks.Areas.Networks.Pages.Institutions;
using Organising.Platform.Data;

namespace Organising.Networks.Import;

/// <summary>
/// Institutions from a CSV. A row is the current institution with its external id, else the one with its name
/// (ignoring case); it updates that one (filled cells replace, empty cells keep, networks are added to) or adds one.
/// </summary>
internal static class InstitutionsImport
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("name", "Name", 200, Required: true, "institution", "institution_name"),
        new("type", "Type", 40),
        new("membership", "Membership", 40),
        new("address", "Address", 500),
        new("postcode", "Postcode", 10, false, "post_code"),
        new("networks", "Networks", 2000, false, "network"),
        new("notes", "Notes", 4000),
        new("external_id", "External id", 100, false, "external_reference", "reference"),
    ];

    private const int Name = 0, Type = 1, Membership = 2, Address = 3, Postcode = 4, Networks = 5, Notes = 6, ExternalId = 7;

    public sealed class Plan
    {
        public Guid Id { get; init; }
        public bool IsNew { get; init; }
        public bool Changed { get; set; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        public string? Notes { get; init; }
        public string? ExternalId { get; init; }
        public List<Guid> AddNetworks { get; init; } = [];
    }

    private sealed class Existing
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        public string? Notes { get; init; }
        public string? ExternalId { get; init; }
        public HashSet<Guid> Networks { get; } = [];
    }

    private sealed class Link
    {
        public Guid InstitutionId { get; init; }
        public Guid NetworkId { get; init; }
    }

    private const string ExistingColumns = "SELECT id, name, type, membership, address, postcode, notes, external_id FROM networks_institution";
    private const string ByExternalIdSql = $"{ExistingColumns} WHERE external_id IN {ImportLookups.Keys} AND archived_at IS NULL";
    private const string ByNameSql = $"{ExistingColumns} WHERE lower(name) IN {ImportLookups.Keys} AND archived_at IS NULL";
    private const string NetworksSql = $"SELECT institution_id, network_id FROM networks_institution_network WHERE institution_id IN {ImportLookups.Keys}";

    public static async Task<List<CheckedRow<Plan>>> CheckAsync(DbConnection connection, DbTransaction? transaction, ImportFile file, CancellationToken ct)
    {
        var rows = file.Rows;
        var networks = await ImportLookups.NetworksByNameAsync(connection, transaction, ct);
        var byExternalId = (await ImportLookups.InKeysAsync<Existing>(connection, transaction, ByExternalIdSql, rows.Select(r => r.Values[ExternalId]).OfType<string>(), ct))
            .ToLookup(i => i.ExternalId!);
        var byName = (await ImportLookups.InKeysAsync<Existing>(connection, transaction, ByNameSql, rows.Select(r => r.Values[Name]?.ToLowerInvariant()).OfType<string>(), ct))
            .ToLookup(i => i.Name.ToLowerInvariant());
        var matched = byExternalId.SelectMany(g => g).Concat(byName.SelectMany(g => g)).DistinctBy(i => i.Id).ToDictionary(i => i.Id);
        foreach (var link in await ImportLookups.InKeysAsync<Link>(connection, transaction, NetworksSql, matched.Keys.Select(k => k.ToString("D")), ct))
            matched[link.InstitutionId].Networks.Add(link.NetworkId);

        var seenNames = new Dictionary<string, int>();
        var seenExternalIds = new Dictionary<string, int>();
        var results = new List<CheckedRow<Plan>>(rows.Count);
        foreach (var row in rows)
        {
            var v = row.Values;
            var errors = new List<string>();
            for (var c = 0; c < Columns.Count; c++) if (ImportLookups.TooLong(Columns[c], v[c]) is { } tooLong) errors.Add(tooLong);
            if (v[Name] is null) errors.Add("Enter the institution's name.");

            string? type = null;
            if (v[Type] is { } typedType)
            {
                type = InstitutionTypes.All.FirstOrDefault(t => t.Equals(typedType, StringComparison.OrdinalIgnoreCase)
                    || InstitutionTypes.Describe(t).Equals(typedType, StringComparison.OrdinalIgnoreCase));
                if (type is null) errors.Add($"“{typedType}” is not a type of institution: use {string.Join(", ", InstitutionTypes.All)}.");
            }
            string? membership = null;
            if (v[Membership] is { } typedMembership)
            {
                membership = Memberships.All.FirstOrDefault(m => m.Equals(typedMembership, StringComparison.OrdinalIgnoreCase)
                    || Memberships.Describe(m).Equals(typedMembership, StringComparison.OrdinalIgnoreCase));
                if (membership is null) errors.Add($"“{typedMembership}” is not a kind of membership: use {string.Join(", ", Memberships.All)}.");
            }
            string? postcode = null;
            if (v[Postcode] is { } typedPostcode && (postcode = SaveInstitution.Command.NormalisePostcode(typedPostcode)) is null)
                errors.Add($"“{typedPostcode}” is not a UK postcode like E14 2BG.");
            var networkIds = ImportLookups.ResolveNetworks(v[Networks], networks, errors);

            var externalId = v[ExternalId];
            Existing? existing = null;
            if (externalId is not null && byExternalId[externalId].ToList() is { Count: > 0 } idMatches)
            {
                if (idMatches.Count > 1) errors.Add($"Several institutions have the external id “{externalId}”.");
                else existing = idMatches[0];
            }
            else if (v[Name] is { } name && byName[name.ToLowerInvariant()].ToList() is { Count: > 0 } nameMatches)
            {
                if (nameMatches.Count > 1) errors.Add($"Several institutions are called “{name}”: add an external_id column to say which one this is.");
                else existing = nameMatches[0];
            }
            if (existing is null && type is null && v[Type] is null) errors.Add("Choose the type of a new institution: " + string.Join(", ", InstitutionTypes.All) + ".");

            if (v[Name] is { } rowName)
            {
                if (seenNames.TryGetValue(rowName.ToLowerInvariant(), out var first)) errors.Add($"The same name as row {first}.");
                else seenNames[rowName.ToLowerInvariant()] = row.Number;
            }
            if (externalId is not null)
            {
                if (seenExternalIds.TryGetValue(externalId, out var first)) errors.Add($"The same external id as row {first}.");
                else seenExternalIds[externalId] = row.Number;
            }

            var result = new ImportRowResult { Row = row.Number, Name = Shorten(v[Name]), Key = Shorten(externalId), Errors = errors };
            if (errors.Count > 0)
            {
                result.Status = RowStatuses.Error;
                results.Add(new CheckedRow<Plan>(result, null));
                continue;
            }
            Plan plan;
            if (existing is null)
            {
                plan = new Plan
                {
                    Id = Guid.CreateVersion7(), IsNew = true, Changed = true, Name = v[Name]!, Type = type!, Membership = membership ?? Memberships.Prospect,
                    Address = v[Address], Postcode = postcode, Notes = v[Notes], ExternalId = externalId, AddNetworks = networkIds,
                };
            }
            else
            {
                plan = new Plan
                {
                    Id = existing.Id, Name = v[Name] ?? existing.Name, Type = type ?? existing.Type, Membership = membership ?? existing.Membership,
                    Address = v[Address] ?? existing.Address, Postcode = postcode ?? existing.Postcode, Notes = v[Notes] ?? existing.Notes,
                    ExternalId = externalId ?? existing.ExternalId, AddNetworks = networkIds.Where(n => !existing.Networks.Contains(n)).ToList(),
                };
                plan.Changed = plan.Name != existing.Name || plan.Type != existing.Type || plan.Membership != existing.Membership || plan.Address != existing.Address
                    || plan.Postcode != existing.Postcode || plan.Notes != existing.Notes || plan.ExternalId != existing.ExternalId || plan.AddNetworks.Count > 0;
            }
            result.Status = plan.IsNew ? RowStatuses.New : plan.Changed ? RowStatuses.Updated : RowStatuses.Unchanged;
            results.Add(new CheckedRow<Plan>(result, plan));
        }
        return results;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length > 80 ? value[..80] + "…" : value;

    private const string InsertSql = """
        INSERT INTO networks_institution (id, name, type, membership, address, postcode, notes, external_id, created_at, created_by)
        VALUES (@id, @name, @type, @membership, @address, @postcode, @notes, @externalId, @now, @userId)
        """;
    private const string UpdateSql = """
        UPDATE networks_institution SET name = @name, type = @type, membership = @membership, address = @address, postcode = @postcode,
            notes = @notes, external_id = @externalId
        WHERE id = @id
        """;
    private static readonly string[] Parameters = ["@id", "@name", "@type", "@membership", "@address", "@postcode", "@notes", "@externalId", "@now", "@userId"];
    private const string InsertNetworkSql = "INSERT INTO networks_institution_network (institution_id, network_id) VALUES (@id, @networkId) ON CONFLICT DO NOTHING";

    public static async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<Plan> plans, Guid? userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cache = await ImportLookups.LargerCacheAsync(connection, transaction, ct);
        await using var insert = ImportLookups.Prepare(connection, transaction, InsertSql, Parameters);
        await using var update = ImportLookups.Prepare(connection, transaction, UpdateSql, Parameters);
        await using var network = ImportLookups.Prepare(connection, transaction, InsertNetworkSql, "@id", "@networkId");
        var nowText = DapperTypeHandlers.ToDbText(now);
        foreach (var p in plans.Where(p => p.Changed))
        {
            var id = p.Id.ToString("D");
            await ImportLookups.RunAsync(p.IsNew ? insert : update, ct,
                id, p.Name, p.Type, p.Membership, p.Address, p.Postcode, p.Notes, p.ExternalId, nowText, userId?.ToString("D"));
            foreach (var n in p.AddNetworks) await ImportLookups.RunAsync(network, ct, id, n.ToString("D"));
        }
    }
}
