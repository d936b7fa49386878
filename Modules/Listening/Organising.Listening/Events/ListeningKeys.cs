namespace Organising.Listening.Events;

/// <summary>The keys Listening gives other modules' records: reminders (Platform) and leadership activities (Teams).</summary>
internal static class ListeningKeys
{
    /// <summary>Every reminder about an event starts with this.</summary>
    public static string EventReminderPrefix(Guid eventId) => $"listening.event.{eventId}.";

    /// <summary>One facilitator's reminders about an event.</summary>
    public static string EventReminder(Guid eventId, Guid personId) => $"{EventReminderPrefix(eventId)}{personId}";

    /// <summary>The house meeting's host, counted on the leadership ladders.</summary>
    public static string HostActivity(Guid eventId) => $"listening.event.{eventId}.host";

    /// <summary>The teller of a testimony, counted on the leadership ladders.</summary>
    public static string TellerActivity(Guid storyId) => $"listening.story.{storyId}.teller";
}
