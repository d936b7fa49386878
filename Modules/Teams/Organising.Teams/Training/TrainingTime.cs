using System.Globalization;
using Organising.Platform.Settings;

namespace Organising.Teams.Training;

/// <summary>
/// Sessions are stored in UTC and typed in and shown in the organisation's time zone (Platform's settings).
/// </summary>
internal sealed class TrainingTime(OrganisationSettingsCache settings)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async ValueTask<TimeZoneInfo> ZoneAsync(CancellationToken ct) => (await settings.GetAsync(ct)).TimeZone;

    public async ValueTask<DateTimeOffset> ToLocalAsync(DateTimeOffset utc, CancellationToken ct) =>
        TimeZoneInfo.ConvertTime(utc, await ZoneAsync(ct));

    /// <summary>The UTC instant of a local date and time; a time skipped when clocks go forward moves on to the first that exists.</summary>
    public async ValueTask<DateTimeOffset> ToUtcAsync(DateOnly date, TimeOnly time, CancellationToken ct)
    {
        var zone = await ZoneAsync(ct);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>"Tue 3 Mar at 18:30", as reminders and headings say it.</summary>
    public static string Describe(DateTimeOffset local) => local.ToString("ddd d MMM 'at' HH:mm", English);

    /// <summary>"Tue 3 Mar 2026, 18:30–20:30".</summary>
    public static string DescribeSpan(DateTimeOffset startLocal, DateTimeOffset endLocal) =>
        startLocal.Date == endLocal.Date
            ? $"{startLocal.ToString("ddd d MMM yyyy, HH:mm", English)}–{endLocal.ToString("HH:mm", English)}"
            : $"{startLocal.ToString("ddd d MMM yyyy, HH:mm", English)} – {endLocal.ToString("ddd d MMM yyyy, HH:mm", English)}";
}
