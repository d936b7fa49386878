using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Jobs;
using Organising.Teams.Contracts;

namespace Organising.Listening.Events;

/// <summary>
/// Hourly: house meetings and testimonies count on the leadership ladders once they have taken place. Saving an
/// event gives that credit when its date has already passed; this gives it to events scheduled ahead once their
/// time comes, without anyone saving them again, so it reads only events last saved before they were held (one saved
/// since got its credit then). It looks back a week (so a server that was down for days catches up); reporting an
/// activity again under the same source key changes nothing.
/// </summary>
public static class CreditHeldEvents
{
    public const string RecurringJobId = "listening-ladder-credit";
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    public sealed record Command : ICommand<int>;

    private const string HostsSql = """
        SELECT id AS Id, host_person_id AS PersonId, held_at AS HeldAt FROM listening_event
        WHERE type = 'house-meeting' AND host_person_id IS NOT NULL AND held_at > @since AND held_at <= @now
          AND updated_at < held_at
        """;

    private const string TellersSql = """
        SELECT s.id AS Id, s.teller_person_id AS PersonId, e.held_at AS HeldAt
        FROM listening_story s JOIN listening_event e ON e.id = s.event_id
        WHERE s.kind = 'testimony' AND s.teller_person_id IS NOT NULL AND e.held_at > @since AND e.held_at <= @now
          AND e.updated_at < e.held_at
        """;

    internal static ScheduledJob Definition => ScheduledJob.Of<Job>(RecurringJobId, "7 * * * *", j => j.RunAsync(CancellationToken.None));

    /// <summary>Returns how many activities it reported.</summary>
    internal sealed class Handler(DbSession session, IPublisher publisher, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var args = new { since = now - LookBack, now };
            var connection = await session.ConnectionAsync(ct);
            var hosts = await connection.QueryAsync<Credit>(new CommandDefinition(HostsSql, args, session.Transaction, cancellationToken: ct));
            var tellers = await connection.QueryAsync<Credit>(new CommandDefinition(TellersSql, args, session.Transaction, cancellationToken: ct));
            var reported = 0;
            foreach (var host in hosts)
            {
                await publisher.Publish(new LeadershipActivityRecorded(host.PersonId, LeadershipActivities.HostedHouseMeeting, host.HeldAt, ListeningKeys.HostActivity(host.Id)), ct);
                reported++;
            }
            foreach (var teller in tellers)
            {
                await publisher.Publish(new LeadershipActivityRecorded(teller.PersonId, LeadershipActivities.GaveTestimony, teller.HeldAt, ListeningKeys.TellerActivity(teller.Id)), ct);
                reported++;
            }
            return reported;
        }
    }

    internal sealed class Job(ISender sender)
    {
        public async Task RunAsync(CancellationToken ct) => await sender.Send(new Command(), ct);
    }

    private sealed class Credit
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public DateTimeOffset HeldAt { get; init; }
    }
}
