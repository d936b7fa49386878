using Organising.Platform.Reminders;

using Organising.Platform.Settings;

namespace Organising.Teams.Training;

/// <summary>
/// Reminders to the people enrolled on a session, through Platform's outbox: one request per person under the key
/// <c>teams.training.{session}.{person}</c>; Platform adds a row per lead time (2 days and 2 hours by default).
/// Called inside the command that changes the enrolment or the session, so both commit together.
/// </summary>
internal sealed class SessionReminders(IReminders reminders, OrganisationTime time)
{
    public static string KeyOf(Guid sessionId, Guid personId) => $"teams.training.{sessionId}.{personId}";
    public static string PrefixOf(Guid sessionId) => $"teams.training.{sessionId}.";

    public async Task ScheduleAsync(SessionAccess.SessionRow session, Guid personId, CancellationToken ct)
    {
        var local = await time.ToLocalAsync(session.StartsAt);
        var localEnd = await time.ToLocalAsync(session.EndsAt);
        var subject = $"Training: {session.ModuleName} on {TrainingTime.Describe(local)}";
        var where = string.Join("\n", new[]
        {
            session.Place is null ? null : $"Where: {session.Place}",
            session.OnlineLink is null ? null : $"Join online: {session.OnlineLink}",
        }.Where(l => l is not null));
        var body = $"""
            You are enrolled on the training session “{session.ModuleName}”.

            When: {TrainingTime.DescribeSpan(local, localEnd)}
            {where}
            {(session.Trainer is null ? "" : $"Trainer: {session.Trainer}")}

            If you can no longer come, please withdraw so that someone on the waiting list can take your place.
            """;
        await reminders.ScheduleAsync(new ReminderRequest(KeyOf(session.Id, personId), personId, TeamsModule.TrainingReminder.Id,
            session.StartsAt, subject, body.Replace("\n\n\n", "\n\n").TrimEnd()), ct);
    }

    public Task CancelAsync(Guid sessionId, Guid personId, CancellationToken ct) => reminders.CancelAsync(KeyOf(sessionId, personId), ct);

    public Task CancelSessionAsync(Guid sessionId, CancellationToken ct) => reminders.CancelByPrefixAsync(PrefixOf(sessionId), ct);
}
