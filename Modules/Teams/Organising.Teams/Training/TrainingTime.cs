using System.Globalization;

namespace Organising.Teams.Training;

/// <summary>
/// How sessions' times read. They are stored in UTC and typed in and shown in the organisation's time zone, converted
/// by Platform's <see cref="Platform.Settings.OrganisationTime"/>.
/// </summary>
internal static class TrainingTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"Tue 3 Mar at 18:30", as reminders and headings say it.</summary>
    public static string Describe(DateTimeOffset local) => local.ToString("ddd d MMM 'at' HH:mm", English);

    /// <summary>"Tue 3 Mar 2026, 18:30–20:30".</summary>
    public static string DescribeSpan(DateTimeOffset startLocal, DateTimeOffset endLocal) =>
        startLocal.Date == endLocal.Date
            ? $"{startLocal.ToString("ddd d MMM yyyy, HH:mm", English)}–{endLocal.ToString("HH:mm", English)}"
            : $"{startLocal.ToString("ddd d MMM yyyy, HH:mm", English)} – {endLocal.ToString("ddd d MMM yyyy, HH:mm", English)}";
}
