using Mediator;
using Organising.Platform.Reminders;
using Organising.Platform.Settings;
using Organising.Teams.Contracts;

namespace Organising.Listening.Events;

/// <summary>
/// What an event causes outside this module, brought up to date each time the event is saved, in the same
/// transaction: reminders to its facilitators while it is still to come (Platform's outbox), and the leadership
/// activities it counts for once it has taken place (Teams' ladders): hosting a house meeting, and each testimony given
/// by a named teller. Publishing an activity again with the same key changes nothing, so this can run on every save.
/// </summary>
internal sealed class EventFollowUps(IReminders reminders, IPublisher publisher, OrganisationTime localTime, TimeProvider time)
{
    /// <summary>The event as saved, for its reminders and activities.</summary>
    public sealed record SavedEvent(Guid Id, string CampaignName, string Type, DateTimeOffset HeldAt, string? Place, Guid? HostPersonId);

    /// <summary>A story row as saved (or as it was, for one removed).</summary>
    public sealed record SavedStory(Guid Id, string Kind, Guid? TellerPersonId);

    public async Task RemindAsync(SavedEvent saved, IReadOnlyCollection<Guid> facilitators, IReadOnlyCollection<Guid> previousFacilitators, CancellationToken ct)
    {
        if (saved.HeldAt <= time.GetUtcNow())
        {
            await reminders.CancelByPrefixAsync(ListeningKeys.EventReminderPrefix(saved.Id), ct);
            return;
        }
        foreach (var removed in previousFacilitators.Except(facilitators))
            await reminders.CancelAsync(ListeningKeys.EventReminder(saved.Id, removed), ct);
        var local = await localTime.ToLocalAsync(saved.HeldAt);
        var when = local.ToString("dddd d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        var subject = $"{EventTypes.Describe(saved.Type)} on {local.ToString("d MMM 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}";
        var body = $"""
            You are facilitating a {EventTypes.Describe(saved.Type).ToLowerInvariant()} for the listening campaign “{saved.CampaignName}”.

            When: {when}
            {(saved.Place is null ? "" : $"Where: {saved.Place}")}

            Bring the report-back forms, and record what was heard afterwards.
            """;
        foreach (var personId in facilitators)
            await reminders.ScheduleAsync(new ReminderRequest(ListeningKeys.EventReminder(saved.Id, personId), personId, ListeningModule.EventReminder.Id,
                saved.HeldAt, subject, body.Replace("\n\n\n", "\n\n").TrimEnd()), ct);
    }

    /// <summary>
    /// The host of a house meeting that has taken place counts as having hosted one; a testimony with a named teller
    /// at an event that has taken place counts as testimony given. Everything else (another type, no host, a future
    /// date, a removed row) is withdrawn.
    /// </summary>
    public async Task CountActivitiesAsync(SavedEvent saved, IReadOnlyCollection<SavedStory> stories, IReadOnlyCollection<SavedStory> previousStories, CancellationToken ct)
    {
        var happened = saved.HeldAt <= time.GetUtcNow();
        if (happened && saved.Type == EventTypes.HouseMeeting && saved.HostPersonId is { } host)
            await publisher.Publish(new LeadershipActivityRecorded(host, LeadershipActivities.HostedHouseMeeting, saved.HeldAt, ListeningKeys.HostActivity(saved.Id)), ct);
        else
            await publisher.Publish(new LeadershipActivityWithdrawn(ListeningKeys.HostActivity(saved.Id)), ct);

        var counted = happened ? stories.Where(Counts).ToList() : [];
        foreach (var story in counted)
            await publisher.Publish(new LeadershipActivityRecorded(story.TellerPersonId!.Value, LeadershipActivities.GaveTestimony, saved.HeldAt,
                ListeningKeys.TellerActivity(story.Id)), ct);
        var countedIds = counted.Select(s => s.Id).ToHashSet();
        foreach (var gone in previousStories.Where(s => Counts(s) && !countedIds.Contains(s.Id)))
            await publisher.Publish(new LeadershipActivityWithdrawn(ListeningKeys.TellerActivity(gone.Id)), ct);
    }

    private static bool Counts(SavedStory story) => story.Kind == HeardKinds.Testimony && story.TellerPersonId is not null;
}
