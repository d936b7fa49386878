using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Organising.Platform.Reminders;

/// <summary>When a person wants no messages, in the organisation's time zone. Ends before it starts when it runs past midnight.</summary>
public sealed record QuietHours(bool Enabled, TimeOnly Starts, TimeOnly Ends)
{
    public static readonly QuietHours Default = new(true, new TimeOnly(21, 0), new TimeOnly(8, 0));

    /// <summary>Quiet hours longer than this would leave too little of the day to send anything.</summary>
    public static readonly TimeSpan LongestAllowed = TimeSpan.FromHours(16);

    public TimeSpan Length => Ends > Starts ? Ends - Starts : TimeSpan.FromDays(1) - (Starts - Ends);

    /// <summary>Null when the settings make sense; otherwise what to tell the person.</summary>
    public string? Problem =>
        !Enabled ? null
        : Starts == Ends ? "Quiet hours must end at a different time from when they start."
        : Length > LongestAllowed ? $"Quiet hours can last at most {LongestAllowed.TotalHours:0} hours, so reminders still have time to go out."
        : null;

    public string Describe() => Enabled ? $"{Starts:HH\\:mm} to {Ends:HH\\:mm}" : "none";

    /// <summary>When <paramref name="nowUtc"/> falls in the quiet hours, the instant they end; otherwise null.</summary>
    public DateTimeOffset? EndOfQuietAt(DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        if (!Enabled || Starts == Ends) return null;
        var local = TimeZoneInfo.ConvertTime(nowUtc, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var overnight = Ends < Starts;
        var inside = overnight ? time >= Starts || time < Ends : time >= Starts && time < Ends;
        if (!inside) return null;
        var endDate = overnight && time >= Starts ? local.Date.AddDays(1) : local.Date;
        // Where the clocks go forward over the end, quiet ends at the first minute that exists.
        return Settings.OrganisationTime.ToUtc(endDate + Ends.ToTimeSpan(), zone);
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

/// <summary>A person's choice for one kind: on or off, and how long before.</summary>
public sealed record KindPreference(bool Enabled, IReadOnlyList<TimeSpan> LeadTimes);

/// <summary>Reads and writes people's reminder preferences. No row means the defaults: every kind on, at the
/// module's lead times, with the default quiet hours.</summary>
internal static class ReminderPreferences
{
    private const string KindsOfPeopleSql = """
        SELECT person_id, kind, enabled, lead_minutes FROM platform_reminder_preference WHERE person_id IN (SELECT value FROM json_each(@personIds))
        """;
    private const string QuietOfPeopleSql = """
        SELECT person_id, enabled, starts, ends FROM platform_reminder_quiet_hours WHERE person_id IN (SELECT value FROM json_each(@personIds))
        """;

    internal const string SaveKindSql = """
        INSERT INTO platform_reminder_preference (person_id, kind, enabled, lead_minutes, updated_at)
        VALUES (@personId, @kind, @enabled, @leadMinutes, @now)
        ON CONFLICT (person_id, kind) DO UPDATE SET enabled = excluded.enabled, lead_minutes = excluded.lead_minutes, updated_at = excluded.updated_at
        """;

    internal const string SaveQuietSql = """
        INSERT INTO platform_reminder_quiet_hours (person_id, enabled, starts, ends, updated_at)
        VALUES (@personId, @enabled, @starts, @ends, @now)
        ON CONFLICT (person_id) DO UPDATE SET enabled = excluded.enabled, starts = excluded.starts, ends = excluded.ends, updated_at = excluded.updated_at
        """;

    private sealed class KindRow
    {
        public Guid PersonId { get; init; }
        public string Kind { get; init; } = "";
        public bool Enabled { get; init; }
        public string LeadMinutes { get; init; } = "[]";
    }

    private sealed class QuietRow
    {
        public Guid PersonId { get; init; }
        public bool Enabled { get; init; }
        public string Starts { get; init; } = "";
        public string Ends { get; init; } = "";
    }

    public static async Task<KindPreference?> ForKindAsync(DbConnection connection, DbTransaction? transaction, Guid personId, string kind, CancellationToken ct) =>
        (await ForPeopleAsync(connection, transaction, [personId], ct)).GetValueOrDefault((personId, kind));

    /// <summary>One person's choices, by kind; a kind missing means its defaults.</summary>
    public static async Task<IReadOnlyDictionary<string, KindPreference>> AllKindsAsync(DbConnection connection, DbTransaction? transaction, Guid personId, CancellationToken ct) =>
        (await ForPeopleAsync(connection, transaction, [personId], ct)).ToDictionary(p => p.Key.Kind, p => p.Value);

    public static async Task<QuietHours> QuietHoursAsync(DbConnection connection, DbTransaction? transaction, Guid personId, CancellationToken ct) =>
        (await QuietHoursOfPeopleAsync(connection, transaction, [personId], ct))[personId];

    /// <summary>Several people's choices in one query (a batch of reminders): by person and kind; no entry means the defaults.</summary>
    public static async Task<IReadOnlyDictionary<(Guid PersonId, string Kind), KindPreference>> ForPeopleAsync(
        DbConnection connection, DbTransaction? transaction, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<KindRow>(new CommandDefinition(KindsOfPeopleSql, new { personIds = Data.SqlText.IdList(personIds) }, transaction, cancellationToken: ct));
        return rows.ToDictionary(r => (r.PersonId, r.Kind), r => new KindPreference(r.Enabled, ParseLeads(r.LeadMinutes)));
    }

    /// <summary>Several people's quiet hours in one query: an entry for each of them, the default where they chose none.</summary>
    public static async Task<IReadOnlyDictionary<Guid, QuietHours>> QuietHoursOfPeopleAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<QuietRow>(new CommandDefinition(QuietOfPeopleSql, new { personIds = Data.SqlText.IdList(personIds) }, transaction, cancellationToken: ct)))
            .ToDictionary(r => r.PersonId);
        return personIds.Distinct().ToDictionary(id => id, id => ToQuietHours(rows.GetValueOrDefault(id)));
    }

    private static QuietHours ToQuietHours(QuietRow? row)
    {
        if (row is null) return QuietHours.Default;
        // Unreadable times (a hand-edited row) fall back to the default hours, but never switch quiet hours back on.
        if (!QuietHours.TryParseTime(row.Starts, out var starts) || !QuietHours.TryParseTime(row.Ends, out var ends))
            return QuietHours.Default with { Enabled = row.Enabled };
        return new QuietHours(row.Enabled, starts, ends);
    }

    public static string LeadsToJson(IEnumerable<TimeSpan> leads) =>
        JsonSerializer.Serialize(leads.Select(l => (int)l.TotalMinutes).Distinct().OrderByDescending(m => m));

    private static IReadOnlyList<TimeSpan> ParseLeads(string json)
    {
        try { return (JsonSerializer.Deserialize<int[]>(json) ?? []).Select(m => TimeSpan.FromMinutes(m)).ToList(); }
        catch (JsonException) { return []; }
    }
}
