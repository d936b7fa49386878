using Organising.Platform.Data;
using Organising.Platform.Reminders;

namespace Organising.Reminders.Reliability.Tests;

/// <summary>
/// Hangfire only triggers the dispatcher; the outbox is the record. With Hangfire's storage deleted while the app is
/// stopped (hangfire.db on SQLite, the hangfire schema on PostgreSQL), the next start plans the lost wake-up again
/// from the outbox, and the reminder still arrives.
/// </summary>
public sealed class HangfireStorageTests : RigFixture
{
    private sealed class Wakeup
    {
        public DateTimeOffset At { get; init; }
        public string JobId { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public override string ToString() => $"job {JobId} made at {CreatedAt:O}";
    }

    private async Task<Wakeup?> WakeupAsync(DateTimeOffset due) =>
        (await Rig.QueryAsync<Wakeup>("SELECT at, job_id, created_at FROM platform_reminder_wakeup"))
        .SingleOrDefault(w => w.At >= due && w.At <= due.AddSeconds(1));

    [Test]
    public async Task With_the_Hangfire_storage_deleted_the_wake_up_is_planned_again_and_the_reminder_arrives()
    {
        using var smtp = Rig.StartSmtp();
        var person = (await Rig.AddPeopleAsync(1, "hangfire"))[0];
        var due = DateTimeOffset.UtcNow.AddSeconds(60);
        await Rig.ScheduleAsync([new ReminderRequest("reliability.hangfire", person, TestingModule.FollowUp.Id, due, "Follow-up", "Call them back.")]);

        var first = await Rig.StartAppAsync();
        Wakeup? planned = null;
        Assert.That(await ReminderRig.WaitUntilAsync(async () => (planned = await WakeupAsync(due)) is not null, TimeSpan.FromSeconds(10)), Is.True,
            "the app planned a wake-up at the reminder's time");
        Assert.That(await first.StopAsync(TimeSpan.FromSeconds(30)), Is.True, "the app stopped");

        if (Rig.Engine == DatabaseEngine.Sqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path.Combine(Rig.DataDirectory, "hangfire.db" + suffix));
            Assert.That(File.Exists(Path.Combine(Rig.DataDirectory, "hangfire.db")), Is.False);
        }
        else
        {
            await Rig.ExecuteAsync("DROP SCHEMA hangfire CASCADE");
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await Rig.StartAppAsync();
        Assert.That(DateTimeOffset.UtcNow, Is.LessThan(due), "restarted before the reminder was due (the app must start twice within a minute)");
        Wakeup? rebuilt = null;
        Assert.That(await ReminderRig.WaitUntilAsync(async () => (rebuilt = await WakeupAsync(due)) is { } w && w.CreatedAt >= restartedAt, TimeSpan.FromSeconds(10)),
            Is.True, $"the wake-up was planned again after the restart (before: {planned}; now: {rebuilt})");

        Assert.That(await ReminderRig.WaitUntilAsync(() => smtp.ReceivedEmailCount >= 1, due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(75)), Is.True,
            "the reminder arrived");
        var late = DateTimeOffset.UtcNow - due;
        TestContext.Out.WriteLine($"Hangfire storage deleted ({Rig.Engine}): wake-up job {planned!.JobId} -> {rebuilt!.JobId}; arrived {late.TotalSeconds:0.0} s after its due time");
        Assert.That(smtp.ReceivedEmailCount, Is.EqualTo(1));
        Assert.That(await Rig.QueryAsync<string>("SELECT status FROM platform_reminder"), Is.EqualTo(new[] { "sent" }));
    }
}
