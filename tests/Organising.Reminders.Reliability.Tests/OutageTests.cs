using System.Diagnostics;
using Organising.Platform.Reminders;

namespace Organising.Reminders.Reliability.Tests;

/// <summary>
/// The SMTP server is down for two minutes while 100 reminders fall due, then comes back on the same port: each
/// reminder is retried with backoff meanwhile, and all are delivered once, after the server is back.
/// </summary>
public sealed class OutageTests : RigFixture
{
    private const int Reminders = 100;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    // Retries every 5, 10, 20, 20… seconds, so the test waits minutes rather than the defaults' hours.
    protected override IReadOnlyDictionary<string, string?> AppSettings { get; } = new Dictionary<string, string?>
    {
        ["Organising__Reminders__RetryBaseDelay"] = "00:00:05",
        ["Organising__Reminders__RetryMaxDelay"] = "00:00:20",
        ["Organising__Reminders__MaxAttempts"] = "100",
    };

    [Test]
    public async Task Reminders_due_while_the_mail_server_is_down_are_all_delivered_once_after_it_is_back()
    {
        var people = await Rig.AddPeopleAsync(Reminders, "outage");
        var at = DateTimeOffset.UtcNow.AddSeconds(15);
        await Rig.ScheduleAsync(people.Select((person, i) => new ReminderRequest(
            $"reliability.outage.{i}", person, TestingModule.FollowUp.Id, at, $"Follow-up {i}", "Call them back.")));

        // Nothing listens on the SMTP port yet: each connection is refused.
        var outage = Stopwatch.StartNew();
        await Rig.StartAppAsync();
        if (Outage - outage.Elapsed is { Ticks: > 0 } rest) await Task.Delay(rest);

        Assert.That(await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status = 'sent'"), Is.Zero, "nothing is marked sent while the server is down");
        // A retry may hold a batch as 'sending' at this instant; its attempts count the tries already recorded.
        Assert.That(await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status IN ('pending', 'sending') AND attempts >= 1"), Is.EqualTo(Reminders),
            "each reminder was tried during the outage and waits for its retry");

        using var smtp = Rig.StartSmtp();
        var drain = Stopwatch.StartNew();
        var delivered = await ReminderRig.WaitUntilAsync(() => smtp.ReceivedEmailCount >= Reminders, TimeSpan.FromSeconds(90));
        var drainSeconds = drain.Elapsed.TotalSeconds;
        await ReminderRig.WaitUntilAsync(
            async () => await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status IN ('pending', 'sending')") == 0, TimeSpan.FromSeconds(30));
        // Any second copy would be sent straight after the first: give one the chance to arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var ids = ReminderRig.MessageIds(smtp);
        var attempts = await Rig.QueryAsync<long>("SELECT attempts FROM platform_reminder");
        TestContext.Out.WriteLine($"SMTP outage ({Rig.Engine}): {ids.Distinct().Count()} of {Reminders} delivered {drainSeconds:0.0} s after the server came back; " +
            $"{ids.Count} messages; attempts per reminder {attempts.Min()} to {attempts.Max()}");

        Assert.That(delivered, Is.True, "all delivered within 90 s of the server's return");
        Assert.That(ids, Has.Count.EqualTo(Reminders), "each delivered once");
        Assert.That(ids.Distinct().Count(), Is.EqualTo(Reminders));
        Assert.That(await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status = 'sent'"), Is.EqualTo(Reminders));
        Assert.That(attempts, Has.All.GreaterThan(1), "each was tried during the outage before it went");
    }
}
