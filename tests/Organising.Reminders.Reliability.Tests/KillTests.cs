using System.Diagnostics;
using Organising.Platform.Reminders;

namespace Organising.Reminders.Reliability.Tests;

/// <summary>
/// kill -9 in the middle of sending 1,000 due reminders, then a restart on the same data. Every reminder arrives; a
/// duplicate is possible only for a row caught between the SMTP server accepting it and the row being marked sent,
/// and such a row is still 'sending' in the database at the kill, so the duplicates can be no more than those rows.
/// </summary>
public sealed class KillTests : RigFixture
{
    private const int Reminders = 1_000;
    private const int KillAfter = 150;

    // PostgreSQL hands a dead instance's rows back after their claim lease, not at start-up: a short one keeps the test short.
    protected override IReadOnlyDictionary<string, string?> AppSettings { get; } =
        new Dictionary<string, string?> { ["Organising__Reminders__ClaimLease"] = "00:00:20" };

    [Test]
    public async Task Killed_while_sending_every_reminder_arrives_and_only_rows_caught_sending_can_come_twice()
    {
        using var smtp = Rig.StartSmtp();
        var people = await Rig.AddPeopleAsync(Reminders, "kill");
        var at = DateTimeOffset.UtcNow;
        await Rig.ScheduleAsync(people.Select((person, i) => new ReminderRequest(
            $"reliability.kill.{i}", person, TestingModule.FollowUp.Id, at, $"Follow-up {i}", "Call them back.")));

        var watch = Stopwatch.StartNew();
        var first = await Rig.StartAppAsync();
        Assert.That(await ReminderRig.WaitUntilAsync(() => smtp.ReceivedEmailCount >= KillAfter, TimeSpan.FromSeconds(120), pollMilliseconds: 5),
            Is.True, $"{KillAfter} reminders arrive before the kill (arrived: {smtp.ReceivedEmailCount})");
        first.Kill();
        var arrivedAtKill = smtp.ReceivedEmailCount;
        var sendingAtKill = await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status = 'sending'");
        Assert.That(arrivedAtKill, Is.LessThan(Reminders), "the app was killed in the middle of the dispatch");

        await Rig.StartAppAsync();
        var drained = await ReminderRig.WaitUntilAsync(
            async () => await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status IN ('pending', 'sending')") == 0,
            TimeSpan.FromSeconds(150));
        // A row is marked sent after the server has accepted its message: give netDumbster a moment to list the last ones.
        await ReminderRig.WaitUntilAsync(() => ReminderRig.MessageIds(smtp).Distinct().Count() >= Reminders, TimeSpan.FromSeconds(10));
        var seconds = watch.Elapsed.TotalSeconds;

        var ids = ReminderRig.MessageIds(smtp);
        var distinct = ids.Distinct().Count();
        var duplicates = ids.Count - distinct;
        TestContext.Out.WriteLine($"kill -9 ({Rig.Engine}): {distinct} of {Reminders} arrived, {ids.Count} messages, {duplicates} duplicates; " +
            $"at the kill {arrivedAtKill} had arrived and {sendingAtKill} rows were 'sending'; {seconds:0.0} s from the first start to the last arrival");

        Assert.That(drained, Is.True, "no reminder is left pending or sending");
        Assert.That(await Rig.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status = 'sent'"), Is.EqualTo(Reminders), "every row is sent");
        Assert.That(distinct, Is.EqualTo(Reminders), "every reminder arrived");
        Assert.That(ids, Has.All.StartsWith("<reminder."), "Message-IDs derived from the reminders' keys");
        Assert.That(duplicates, Is.LessThanOrEqualTo(sendingAtKill), "a duplicate only for a row that was being sent at the kill");
    }
}
