namespace Organising.Platform.Reminders;

/// <summary>
/// A kind of reminder a module sends (training sessions, one-to-one follow-ups…), listed in its
/// <see cref="Modules.ModuleDefinition.ReminderKinds"/>. People turn each kind on or off and choose how long before.
/// </summary>
/// <param name="Id">Stable, dotted: "teams.training".</param>
/// <param name="Name">What a person sees on their preferences page: "Training sessions".</param>
public sealed record ReminderKind(string Id, string Name, string Description)
{
    /// <summary>How long before the event reminders go, unless the person chooses otherwise. Zero: at the time given.</summary>
    public IReadOnlyList<TimeSpan> DefaultLeadTimes { get; init; } = [TimeSpan.Zero];

    /// <summary>Whether people may choose how long before (a follow-up "on the day" has no before).</summary>
    public bool LeadTimesAreChoosable => DefaultLeadTimes.Any(t => t > TimeSpan.Zero);
}

/// <summary>Lead times as people choose them and as keys carry them: "2d", "2h", "30m", "at".</summary>
public static class LeadTime
{
    /// <summary>The choices offered on the preferences page.</summary>
    public static readonly IReadOnlyList<TimeSpan> Choices =
    [
        TimeSpan.FromDays(7), TimeSpan.FromDays(2), TimeSpan.FromDays(1), TimeSpan.FromHours(4),
        TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30),
    ];

    public static string Code(TimeSpan lead) =>
        lead <= TimeSpan.Zero ? "at"
        : lead.TotalDays == Math.Floor(lead.TotalDays) ? $"{(int)lead.TotalDays}d"
        : lead.TotalHours == Math.Floor(lead.TotalHours) ? $"{(int)lead.TotalHours}h"
        : $"{(int)lead.TotalMinutes}m";

    public static string Describe(TimeSpan lead) =>
        lead <= TimeSpan.Zero ? "at the time"
        : lead.TotalDays == Math.Floor(lead.TotalDays) ? Web.Words.Count((int)lead.TotalDays, "day", "days") + " before"
        : lead.TotalHours == Math.Floor(lead.TotalHours) ? Web.Words.Count((int)lead.TotalHours, "hour", "hours") + " before"
        : Web.Words.Count((int)lead.TotalMinutes, "minute", "minutes") + " before";
}
