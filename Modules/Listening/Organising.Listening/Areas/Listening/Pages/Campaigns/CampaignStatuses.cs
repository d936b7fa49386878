namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>A campaign's status: planned (not started listening), active, or closed (listening finished).</summary>
internal static class CampaignStatuses
{
    public const string Planned = "planned";
    public const string Active = "active";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Planned, Active, Closed];

    public static string Describe(string status) => status switch
    {
        Planned => "Planned",
        Active => "Active",
        Closed => "Closed",
        _ => status,
    };
}

/// <summary>How the campaign pages show a stored local date ('yyyy-MM-dd').</summary>
internal static class CampaignDates
{
    public static DateOnly? Parse(string? stored) =>
        DateOnly.TryParseExact(stored, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    public static string Store(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Show(string? stored) =>
        Parse(stored) is { } d ? d.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : stored ?? "";
}
