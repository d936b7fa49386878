using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using Organising.Platform.Data;
using Organising.Platform.Reminders;
using Organising.Platform.Tests.Support;

namespace Organising.Platform.Tests.Reminders;

/// <summary>What the dispatcher does with a due reminder: send it (once), skip it with a reason, or hold it for quiet hours.</summary>
public sealed class DispatchTests
{
    private PlatformWorld _world = null!;

    /// <summary>Noon in winter (London is on UTC), outside the default quiet hours.</summary>
    internal static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync(services: TestingModule.AddTo);

    [SetUp]
    public void SetClock() => _world.Clock.SetNow(Noon);

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    internal static async Task<string> ScheduleDueNowAsync(TestApp app, TimeProvider clock, Guid person, string subject = "Follow up")
    {
        var key = $"testing.follow-up.{Guid.NewGuid():N}";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(
            new ReminderRequest(key, person, TestingModule.FollowUp.Id, clock.GetUtcNow(), subject, "Call them back."));
        return key;
    }

    internal static async Task DispatchAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunAsync(CancellationToken.None);
    }

    /// <summary>The row once no dispatcher holds it (the app's own background runs may be sending it too).</summary>
    internal static async Task<OutboxTests.Row> SettledRowAsync(TestApp app, string baseKey)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var row = (await OutboxTests.RowsAsync(app, baseKey)).Single();
            if (row.Status != "sending" || DateTime.UtcNow > deadline) return row;
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task A_due_reminder_goes_to_the_pickup_folder_once_with_its_stable_message_id()
    {
        var person = await _world.AddContactablePersonAsync("Amina Yusuf", $"amina.{Guid.NewGuid():N}@example.org");
        var key = await ScheduleDueNowAsync(_world.App, _world.Clock, person, subject: "Follow up with Amina");

        await DispatchAsync(_world.App);
        await DispatchAsync(_world.App);

        var row = await SettledRowAsync(_world.App, key);
        Assert.That(row.Status, Is.EqualTo("sent"));
        var messages = _world.App.OutboxMessages().Where(m => m.Subject == "Follow up with Amina").ToList();
        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(messages[0].MessageId, Is.EqualTo(ReminderDispatcher.MessageIdFor($"{key}.at", row.EventAt, "organising@localhost")));
        Assert.That(messages[0].TextBody, Does.StartWith("Call them back."));
    }

    [Test]
    public async Task A_person_who_withdrew_consent_to_contact_is_skipped_with_the_reason()
    {
        var person = await _world.AddContactablePersonAsync("Withdrawn Person", $"withdrawn.{Guid.NewGuid():N}@example.org", contactConsent: "withdrawn");
        var key = await ScheduleDueNowAsync(_world.App, _world.Clock, person, subject: "Never sent: withdrawn");

        await DispatchAsync(_world.App);

        var row = await SettledRowAsync(_world.App, key);
        Assert.That(row.Status, Is.EqualTo("skipped"));
        Assert.That(row.Note, Is.EqualTo("They have withdrawn consent to contact."));
        Assert.That(_world.App.OutboxMessages().Where(m => m.Subject == "Never sent: withdrawn"), Is.Empty);
    }

    [Test]
    public async Task A_kind_the_person_turned_off_is_skipped_with_the_reason()
    {
        var person = await _world.AddContactablePersonAsync("Kind Off", $"kindoff.{Guid.NewGuid():N}@example.org");
        await using (var db = _world.App.OpenDatabase())
        {
            await db.ExecuteAsync(ReminderPreferences.SaveKindSql, new { personId = person, kind = TestingModule.FollowUp.Id, enabled = false, leadMinutes = "[]", now = Noon });
        }
        var key = await ScheduleDueNowAsync(_world.App, _world.Clock, person, subject: "Never sent: kind off");

        await DispatchAsync(_world.App);

        var row = await SettledRowAsync(_world.App, key);
        Assert.That(row.Status, Is.EqualTo("skipped"));
        Assert.That(row.Note, Is.EqualTo("They have turned off test follow-ups reminders."));
    }

    [Test]
    public async Task In_the_default_quiet_hours_a_reminder_is_held_until_eight_in_the_morning_not_dropped()
    {
        var person = await _world.AddContactablePersonAsync("Night Owl", $"owl.{Guid.NewGuid():N}@example.org");
        _world.Clock.SetNow(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)); // 23:00 in London
        var key = await ScheduleDueNowAsync(_world.App, _world.Clock, person, subject: "Held for the morning");

        await DispatchAsync(_world.App);

        var row = await SettledRowAsync(_world.App, key);
        Assert.That(row.Status, Is.EqualTo("pending"));
        Assert.That(row.DueAt, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(row.Note, Does.Contain("quiet hours"));

        _world.Clock.SetNow(new DateTimeOffset(2026, 12, 2, 8, 0, 1, TimeSpan.Zero));
        await DispatchAsync(_world.App);
        Assert.That((await SettledRowAsync(_world.App, key)).Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task Quiet_hours_follow_summer_time_and_a_person_can_turn_them_off()
    {
        var sleeper = await _world.AddContactablePersonAsync("Summer Sleeper", $"sleeper.{Guid.NewGuid():N}@example.org");
        var nightShift = await _world.AddContactablePersonAsync("Night Shift", $"night.{Guid.NewGuid():N}@example.org");
        await using (var db = _world.App.OpenDatabase())
        {
            await db.ExecuteAsync(ReminderPreferences.SaveQuietSql, new { personId = nightShift, enabled = false, starts = "21:00", ends = "08:00", now = Noon });
        }
        _world.Clock.SetNow(new DateTimeOffset(2026, 7, 1, 20, 30, 0, TimeSpan.Zero)); // 21:30 in London (BST)
        var held = await ScheduleDueNowAsync(_world.App, _world.Clock, sleeper);
        var sent = await ScheduleDueNowAsync(_world.App, _world.Clock, nightShift);

        await DispatchAsync(_world.App);

        Assert.That((await SettledRowAsync(_world.App, held)).DueAt, Is.EqualTo(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero)));
        Assert.That((await SettledRowAsync(_world.App, sent)).Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task A_person_no_longer_recorded_is_skipped()
    {
        var key = await ScheduleDueNowAsync(_world.App, _world.Clock, Guid.CreateVersion7());

        await DispatchAsync(_world.App);

        var row = await SettledRowAsync(_world.App, key);
        Assert.That(row.Status, Is.EqualTo("skipped"));
        Assert.That(row.Note, Is.EqualTo("The person is no longer recorded."));
    }

    [Test]
    public async Task Start_up_plans_again_a_wake_up_whose_job_was_lost_with_hangfires_storage()
    {
        var person = await _world.AddContactablePersonAsync("Wake Up", $"wake.{Guid.NewGuid():N}@example.org");
        await using (var scope = _world.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(
                $"testing.follow-up.{Guid.NewGuid():N}", person, TestingModule.FollowUp.Id, Noon.AddMinutes(1), "Soon", "Soon."));
        }
        await using (var db = _world.App.OpenDatabase())
        {
            // As if hangfire.db had been deleted: the wake-up's job is not in the storage.
            await db.ExecuteAsync("UPDATE platform_reminder_wakeup SET job_id = 'lost-job'");
        }

        await _world.App.Services.GetRequiredService<ReminderWakeups>().RebuildAsync(CancellationToken.None);

        await using var check = _world.App.OpenDatabase();
        var jobIds = (await check.QueryAsync<string>("SELECT job_id FROM platform_reminder_wakeup")).ToList();
        Assert.That(jobIds, Is.Not.Empty.And.Not.Contain("lost-job"));
        using var hangfire = _world.App.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.That(jobIds.Select(id => hangfire.GetJobData(id)), Is.All.Not.Null);
    }
}

/// <summary>Real SMTP (netDumbster): concurrent dispatchers never send a row twice, and a server that is down means retries, then failed.</summary>
public sealed class SmtpDispatchTests
{
    private static Dictionary<string, string?> SmtpSettings(int port) => new(TestSmtp.Settings(port))
    {
        ["Organising:Reminders:BatchSize"] = "20",
        ["Organising:Reminders:RetryBaseDelay"] = "00:01:00",
        ["Organising:Reminders:MaxAttempts"] = "3",
    };

    [Test]
    public async Task Three_dispatchers_at_once_send_each_of_300_reminders_exactly_once()
    {
        var port = TestSmtp.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var world = await PlatformWorld.StartAsync(SmtpSettings(port), TestingModule.AddTo);
        world.Clock.SetNow(DispatchTests.Noon);
        var people = new List<Guid>();
        for (var i = 0; i < 3; i++) people.Add(await world.AddContactablePersonAsync($"Person {i}", $"p{i}.{Guid.NewGuid():N}@example.org"));
        await using (var scope = world.App.Services.CreateAsyncScope())
        {
            var reminders = scope.ServiceProvider.GetRequiredService<IReminders>();
            for (var i = 0; i < 300; i++)
            {
                await reminders.ScheduleAsync(new ReminderRequest($"testing.follow-up.bulk.{i}", people[i % 3], TestingModule.FollowUp.Id, DispatchTests.Noon, $"Bulk {i}", "Body"));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DispatchTests.DispatchAsync(world.App))));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (smtp.ReceivedEmailCount < 300 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(500); // a duplicate would arrive after the 300th

        var ids = smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"]).ToList();
        Assert.That(ids, Has.Count.EqualTo(300));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(300));
        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE base_key LIKE 'testing.follow-up.bulk.%' AND status = 'sent'"), Is.EqualTo(300));
    }

    [Test]
    public async Task While_the_mail_server_is_down_a_reminder_is_retried_later_and_after_the_limit_marked_failed()
    {
        var closedPort = TestSmtp.FreePort(); // nothing listens here
        await using var world = await PlatformWorld.StartAsync(SmtpSettings(closedPort), TestingModule.AddTo);
        world.Clock.SetNow(DispatchTests.Noon);
        var person = await world.AddContactablePersonAsync("Retry Person", $"retry.{Guid.NewGuid():N}@example.org");
        var key = await DispatchTests.ScheduleDueNowAsync(world.App, world.Clock, person);

        await DispatchTests.DispatchAsync(world.App);
        var first = await FullRowAsync(world, key);
        Assert.That((first.Status, first.Attempts), Is.EqualTo(("pending", 1)));
        Assert.That(first.LastError, Does.Contain("could not be sent"));
        Assert.That(first.DueAt, Is.EqualTo(DispatchTests.Noon.AddMinutes(1)).Within(TimeSpan.FromSeconds(5)));

        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchTests.DispatchAsync(world.App);
        var second = await FullRowAsync(world, key);
        Assert.That((second.Status, second.Attempts), Is.EqualTo(("pending", 2)));
        Assert.That(second.DueAt - world.Clock.GetUtcNow(), Is.EqualTo(TimeSpan.FromMinutes(2)).Within(TimeSpan.FromSeconds(5)), "the wait doubles");

        world.Clock.Advance(TimeSpan.FromMinutes(2));
        await DispatchTests.DispatchAsync(world.App);
        var failed = await FullRowAsync(world, key);
        Assert.That(failed.Status, Is.EqualTo("failed"));
        Assert.That(failed.DueAt, Is.EqualTo(second.DueAt), "a failed reminder still shows when it was last due");
    }

    private sealed class FullRow
    {
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset DueAt { get; init; }
    }

    private static async Task<FullRow> FullRowAsync(PlatformWorld world, string baseKey)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            await using var db = world.App.OpenDatabase();
            var row = await db.QuerySingleAsync<FullRow>("SELECT status, attempts, last_error, due_at FROM platform_reminder WHERE base_key = @baseKey", new { baseKey });
            if (row.Status != "sending" || DateTime.UtcNow > deadline) return row;
            await Task.Delay(50);
        }
    }
}
