using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Reminders;
using Organising.Teams.Contracts;

namespace Organising.Listening.Events;

/// <summary>
/// What must go with events that are being deleted (one event, or a whole campaign's): their reminders, and the
/// leadership activities they counted for (hosting, testimonies). Call it in the deleting command, before the rows go.
/// </summary>
internal sealed class EventWithdrawal(DbSession session, IReminders reminders, IPublisher publisher)
{
    private const string TestimoniesSql = """
        SELECT id FROM listening_story WHERE kind = 'testimony' AND teller_person_id IS NOT NULL
        AND event_id IN (SELECT value FROM json_each(@events))
        """;

    public async Task WithdrawAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken ct)
    {
        if (eventIds.Count == 0) return;
        var connection = await session.ConnectionAsync(ct);
        var testimonies = await connection.QueryAsync<Guid>(new CommandDefinition(TestimoniesSql,
            new { events = SqlText.IdList(eventIds) }, session.Transaction, cancellationToken: ct));
        foreach (var eventId in eventIds)
        {
            await reminders.CancelByPrefixAsync(ListeningKeys.EventReminderPrefix(eventId), ct);
            await publisher.Publish(new LeadershipActivityWithdrawn(ListeningKeys.HostActivity(eventId)), ct);
        }
        foreach (var storyId in testimonies)
            await publisher.Publish(new LeadershipActivityWithdrawn(ListeningKeys.TellerActivity(storyId)), ct);
    }
}
