using Organising.Platform.Reminders;

namespace Organising.Reminders.Reliability.Tests;

/// <summary>
/// Sessions moved or cancelled through IReminders while the real app runs. The app's clock cannot be moved, so the
/// sessions are placed where their two-hour reminder falls due a minute after the start: at that moment the app wakes
/// and sends the session that stayed put (which shows it was sending), and nothing for the moved or cancelled ones.
/// A session moved from tomorrow to next week is checked in the outbox: its rows wait for next week.
/// </summary>
public sealed class ReschedulingTests : RigFixture
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private static readonly TimeSpan NextWeek = TimeSpan.FromDays(7);

    private sealed class Row
    {
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
    }

    private Task<IReadOnlyList<Row>> RowsAsync(string session) =>
        Rig.QueryAsync<Row>("SELECT key, status, due_at FROM platform_reminder WHERE base_key = @session ORDER BY key", new { session });

    private static ReminderRequest Session(string name, Guid person, DateTimeOffset at) =>
        new($"reliability.session.{name}", person, TestingModule.Visit.Id, at, $"Session {name}", $"The {name} session.");

    [Test]
    public async Task A_moved_session_sends_nothing_at_its_old_time_and_a_cancelled_one_sends_nothing()
    {
        using var smtp = Rig.StartSmtp();
        var people = await Rig.AddPeopleAsync(4, "session");
        var start = DateTimeOffset.UtcNow;
        // Sessions two hours and a minute away: their two-hour reminders fall due a minute from now (the two-day ones have passed).
        var soon = start + TwoHours + TimeSpan.FromSeconds(60);
        var tomorrow = start + TimeSpan.FromDays(1);
        await Rig.ScheduleAsync([
            Session("stays", people[0], soon), Session("moves", people[1], soon),
            Session("cancelled", people[2], soon), Session("tomorrow", people[3], tomorrow),
        ]);
        Assert.That((await RowsAsync("reliability.session.moves")).Select(r => r.DueAt), Is.EqualTo(new[] { soon - TwoHours }), "the near reminder is due");

        await Rig.StartAppAsync();
        await Rig.ScheduleAsync([Session("moves", people[1], soon + NextWeek), Session("tomorrow", people[3], tomorrow + NextWeek)]);
        await Rig.CancelByPrefixAsync("reliability.session.cancelled");
        Assert.That(DateTimeOffset.UtcNow, Is.LessThan(soon - TwoHours - TimeSpan.FromSeconds(5)),
            "moved and cancelled before the old due time (the app must start within about 50 s for this test)");

        // The session that stayed is sent at that time (or by the minute's run): the app was sending when the others were due.
        Assert.That(await ReminderRig.WaitUntilAsync(() => smtp.ReceivedEmailCount >= 1, soon - TwoHours - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(75)),
            Is.True, "the session that stayed put is reminded");
        await Task.Delay(TimeSpan.FromSeconds(10));

        Assert.That(smtp.ReceivedEmail.Select(m => m.Headers["Subject"]), Is.EqualTo(new[] { "Session stays" }), "only the session that stayed put");
        Assert.That(await RowsAsync("reliability.session.stays"), Has.Count.EqualTo(1).And.All.Property(nameof(Row.Status)).EqualTo("sent"));
        Assert.That(await RowsAsync("reliability.session.cancelled"), Has.Count.EqualTo(1).And.All.Property(nameof(Row.Status)).EqualTo("cancelled"));

        // Moved: the same keys, one row per lead time, waiting for next week; no second row for the old time.
        var moved = await RowsAsync("reliability.session.moves");
        Assert.That(moved.Select(r => (r.Key, r.Status, r.DueAt)), Is.EqualTo(new[]
        {
            ("reliability.session.moves.2d", "pending", soon + NextWeek - TimeSpan.FromDays(2)),
            ("reliability.session.moves.2h", "pending", soon + NextWeek - TwoHours),
        }));
        var movedFromTomorrow = await RowsAsync("reliability.session.tomorrow");
        Assert.That(movedFromTomorrow.Select(r => (r.Key, r.Status, r.DueAt)), Is.EqualTo(new[]
        {
            ("reliability.session.tomorrow.2d", "pending", tomorrow + NextWeek - TimeSpan.FromDays(2)),
            ("reliability.session.tomorrow.2h", "pending", tomorrow + NextWeek - TwoHours),
        }), "nothing is due tomorrow: both reminders wait for next week");

        // And the app has planned its next wake-up for the first of them.
        var first = movedFromTomorrow.Concat(moved).Min(r => r.DueAt);
        Assert.That(await ReminderRig.WaitUntilAsync(async () => (await Rig.QueryAsync<DateTimeOffset>("SELECT at FROM platform_reminder_wakeup"))
            .Any(at => at >= first && at <= first.AddSeconds(1)), TimeSpan.FromSeconds(10)), Is.True, $"a wake-up is planned at {first:u}");
    }
}
