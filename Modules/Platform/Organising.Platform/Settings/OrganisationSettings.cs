using System.Globalization;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Platform.Settings;

/// <summary>The organisation's own settings, kept in platform_setting.</summary>
public sealed record OrganisationSettings(string Name, string TimeZoneId, string DefaultLanguage)
{
    public static readonly OrganisationSettings Defaults = new("Organising for Health", "Europe/London", "en-GB");

    // Looked up once per zone: TimeZoneInfo's own lookup takes a process-wide lock, and pages format a time on every row.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public TimeZoneInfo TimeZone =>
        Zones.GetOrAdd(TimeZoneId, id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>Languages offered for content and the interface's default. Content may still be recorded in any language.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
    [
        ("en-GB", "English"), ("cy-GB", "Welsh"), ("ar", "Arabic"), ("bn", "Bengali"), ("zh-Hans", "Chinese (Simplified)"),
        ("gu", "Gujarati"), ("pa", "Punjabi"), ("pl", "Polish"), ("pt", "Portuguese"), ("ro", "Romanian"),
        ("so", "Somali"), ("es", "Spanish"), ("ta", "Tamil"), ("tr", "Turkish"), ("ur", "Urdu"),
    ];
}

/// <summary>Reads the settings once and keeps them until they are saved again.</summary>
public sealed class OrganisationSettingsCache(IDbConnectionFactory factory)
{
    private volatile OrganisationSettings? _current;

    internal const string SelectSql = "SELECT key, value FROM platform_setting WHERE key IN ('organisation.name', 'organisation.time_zone', 'organisation.default_language')";

    public async ValueTask<OrganisationSettings> GetAsync(CancellationToken ct = default)
    {
        if (_current is { } cached) return cached;
        await using var connection = await factory.OpenAsync(ct);
        var values = (await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(SelectSql, cancellationToken: ct)))
            .ToDictionary(r => r.Key, r => r.Value);
        var defaults = OrganisationSettings.Defaults;
        var settings = new OrganisationSettings(
            values.GetValueOrDefault("organisation.name", defaults.Name),
            values.GetValueOrDefault("organisation.time_zone", defaults.TimeZoneId),
            values.GetValueOrDefault("organisation.default_language", defaults.DefaultLanguage));
        _current = settings;
        return settings;
    }

    public void Invalidate() => _current = null;
}

/// <summary>Shows stored UTC instants in the organisation's time zone.</summary>
public sealed class OrganisationTime(OrganisationSettingsCache settings)
{
    private static readonly CultureInfo BritishEnglish = CultureInfo.GetCultureInfo("en-GB");

    public async ValueTask<DateTimeOffset> ToLocalAsync(DateTimeOffset utc)
    {
        var zone = (await settings.GetAsync()).TimeZone;
        return TimeZoneInfo.ConvertTime(utc, zone);
    }

    public async ValueTask<string> FormatAsync(DateTimeOffset? utc, string format = "d MMM yyyy HH:mm")
    {
        if (utc is null) return "";
        var local = await ToLocalAsync(utc.Value);
        return local.ToString(format, BritishEnglish);
    }

    /// <summary>The UTC instant at which a local calendar date begins in the organisation's zone.</summary>
    public ValueTask<DateTimeOffset> StartOfLocalDayAsync(DateOnly date) => ToUtcAsync(date, TimeOnly.MinValue);

    /// <summary>The UTC instant of a local date and time in the organisation's zone.</summary>
    public async ValueTask<DateTimeOffset> ToUtcAsync(DateOnly date, TimeOnly time) =>
        ToUtc(date.ToDateTime(time), (await settings.GetAsync()).TimeZone);

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/> as a UTC instant. A time the clocks skip when they go forward moves on
    /// to the first minute that exists.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
