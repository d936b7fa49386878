using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;
using Organising.Platform.Reminders;
using Organising.Platform.Tests.Support;

namespace Organising.Platform.Tests.Reminders;

/// <summary>The outbox as modules use it: Schedule is an upsert by key, cancels are exact, and it all joins the caller's transaction.</summary>
public sealed class OutboxTests
{
    private PlatformWorld _world = null!;
    private Guid _person;

    /// <summary>Noon in winter, outside the default quiet hours.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await PlatformWorld.StartAsync(services: TestingModule.AddTo);
        _person = await _world.AddContactablePersonAsync("Hodan Ali", "hodan.outbox@example.org");
    }

    [SetUp]
    public void SetClock() => _world.Clock.SetNow(Noon);

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    internal sealed class Row
    {
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public DateTimeOffset EventAt { get; init; }
        public string Subject { get; init; } = "";
        public long Version { get; init; }
        public string? Note { get; init; }
        public Guid PersonId { get; init; }
    }

    internal static async Task<List<Row>> RowsAsync(TestApp app, string baseKey)
    {
        await using var db = app.OpenDatabase();
        return (await db.QueryAsync<Row>(
            "SELECT key, status, due_at, event_at, subject, version, note, person_id FROM platform_reminder WHERE base_key = @baseKey ORDER BY due_at",
            new { baseKey })).ToList();
    }

    private async Task ScheduleAsync(string key, DateTimeOffset at, string subject = "Visit", string kind = "testing.visit", Guid? person = null)
    {
        await using var scope = _world.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(key, person ?? _person, kind, at, subject, "Body"));
    }

    private async Task WithRemindersAsync(Func<IReminders, Task> work)
    {
        await using var scope = _world.App.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<IReminders>());
    }

    private static string NewKey() => $"testing.visit.{Guid.NewGuid():N}";

    [Test]
    public async Task Scheduling_makes_one_row_per_default_lead_time_keyed_by_the_lead()
    {
        var key = NewKey();
        var session = Noon.AddDays(7);

        await ScheduleAsync(key, session);

        var rows = await RowsAsync(_world.App, key);
        Assert.That(rows.Select(r => r.Key), Is.EqualTo(new[] { $"{key}.2d", $"{key}.2h" }));
        Assert.That(rows.Select(r => r.DueAt), Is.EqualTo(new[] { session.AddDays(-2), session.AddHours(-2) }));
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Rescheduling_moves_the_unsent_rows_and_never_adds_more()
    {
        var key = NewKey();
        await ScheduleAsync(key, Noon.AddDays(1).AddHours(3));
        var nextWeek = Noon.AddDays(8);

        await ScheduleAsync(key, nextWeek, subject: "Visit (moved)");

        var rows = await RowsAsync(_world.App, key);
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows.Select(r => r.DueAt), Is.EqualTo(new[] { nextWeek.AddDays(-2), nextWeek.AddHours(-2) }));
        Assert.That(rows.Select(r => r.Subject), Is.All.EqualTo("Visit (moved)"));
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Scheduling_the_same_reminder_again_changes_nothing()
    {
        var key = NewKey();
        await ScheduleAsync(key, Noon.AddDays(5));
        var before = await RowsAsync(_world.App, key);

        await ScheduleAsync(key, Noon.AddDays(5));

        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.Version), Is.EqualTo(before.Select(r => r.Version)));
    }

    [Test]
    public async Task A_lead_time_already_past_is_not_sent_late_and_a_move_closer_cancels_it()
    {
        var key = NewKey();
        await ScheduleAsync(key, Noon.AddDays(5));

        // Moved to tomorrow: "two days before" has passed, "two hours before" has not.
        await ScheduleAsync(key, Noon.AddDays(1));

        var rows = await RowsAsync(_world.App, key);
        Assert.That(rows.Single(r => r.Key.EndsWith(".2d")).Status, Is.EqualTo("cancelled"));
        Assert.That(rows.Single(r => r.Key.EndsWith(".2h")).Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task Cancel_cancels_every_lead_time_of_the_key_and_nothing_else()
    {
        var key = NewKey();
        var other = NewKey();
        await ScheduleAsync(key, Noon.AddDays(5));
        await ScheduleAsync(other, Noon.AddDays(5));

        await WithRemindersAsync(r => r.CancelAsync(key));

        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.Status), Is.All.EqualTo("cancelled"));
        Assert.That((await RowsAsync(_world.App, other)).Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Cancel_by_prefix_is_exact_even_with_like_wildcards_in_keys()
    {
        var session = Guid.NewGuid().ToString("N");
        var a = $"testing.visit.{session}_%.a";
        var b = $"testing.visit.{session}_%.b";
        var lookalike = $"testing.visit.{session}xx.c"; // would match a LIKE 'testing.visit.{session}_%' pattern
        foreach (var key in new[] { a, b, lookalike }) await ScheduleAsync(key, Noon.AddDays(5));

        await WithRemindersAsync(r => r.CancelByPrefixAsync($"testing.visit.{session}_%."));

        Assert.That((await RowsAsync(_world.App, a)).Select(r => r.Status), Is.All.EqualTo("cancelled"));
        Assert.That((await RowsAsync(_world.App, b)).Select(r => r.Status), Is.All.EqualTo("cancelled"));
        Assert.That((await RowsAsync(_world.App, lookalike)).Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Forgetting_by_prefix_cancels_the_unsent_and_blanks_the_text_of_every_reminder_under_it_only()
    {
        var session = Guid.NewGuid().ToString("N");
        var unsent = $"testing.visit.{session}.a";
        var sent = $"testing.visit.{session}.b";
        var other = $"testing.visit.{session}x.c";
        foreach (var key in new[] { unsent, sent, other }) await ScheduleAsync(key, Noon.AddDays(5), subject: "Visit Amina Erased");
        await using (var db = _world.App.OpenDatabase())
            await db.ExecuteAsync("UPDATE platform_reminder SET status = 'sent' WHERE base_key = @sent", new { sent });

        await WithRemindersAsync(r => r.ForgetByPrefixAsync($"testing.visit.{session}."));

        Assert.That((await RowsAsync(_world.App, unsent)).Select(r => (r.Status, r.Subject)), Is.All.EqualTo(("cancelled", "(erased)")));
        Assert.That((await RowsAsync(_world.App, sent)).Select(r => (r.Status, r.Subject)), Is.All.EqualTo(("sent", "(erased)")), "a sent one stays sent");
        Assert.That((await RowsAsync(_world.App, other)).Select(r => (r.Status, r.Subject)), Is.All.EqualTo(("pending", "Visit Amina Erased")));
        await Assert.ThrowsAsync<ArgumentException>(() => WithRemindersAsync(r => r.ForgetByPrefixAsync("")));
    }

    [Test]
    public async Task A_reminder_scheduled_in_a_unit_of_work_that_rolls_back_does_not_exist()
    {
        var key = NewKey();
        await using (var scope = _world.App.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(
                new ReminderRequest(key, _person, TestingModule.Visit.Id, Noon.AddDays(5), "Visit", "Body"));
            await session.RollbackAsync();
        }

        Assert.That(await RowsAsync(_world.App, key), Is.Empty);
    }

    [Test]
    public async Task A_persons_chosen_lead_times_replace_the_kinds_defaults()
    {
        var person = await _world.AddContactablePersonAsync("Lead Chooser", $"chooser.{Guid.NewGuid():N}@example.org");
        await using (var db = _world.App.OpenDatabase())
        {
            await db.ExecuteAsync(ReminderPreferences.SaveKindSql, new { personId = person, kind = TestingModule.Visit.Id, enabled = true, leadMinutes = "[1440]", now = Noon });
        }
        var key = NewKey();

        await ScheduleAsync(key, Noon.AddDays(5), person: person);

        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.Key), Is.EqualTo(new[] { $"{key}.1d" }));
    }

    [Test]
    public async Task A_sent_reminder_stays_sent_unless_its_event_moves()
    {
        var key = NewKey();
        var session = Noon.AddDays(5);
        await ScheduleAsync(key, session);
        await using (var db = _world.App.OpenDatabase())
        {
            await db.ExecuteAsync("UPDATE platform_reminder SET status = 'sent', sent_at = @now WHERE base_key = @key", new { key, now = Noon });
        }

        await ScheduleAsync(key, session, subject: "Edited after sending");
        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.Status), Is.All.EqualTo("sent"));

        await ScheduleAsync(key, session.AddDays(7));
        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task An_unknown_kind_is_a_programming_error_not_a_silent_row()
    {
        var key = NewKey();
        Assert.That(async () => await ScheduleAsync(key, Noon.AddDays(5), kind: "testing.nonsense"), Throws.ArgumentException);
        Assert.That(await RowsAsync(_world.App, key), Is.Empty);
    }

    [Test]
    public async Task Merging_moves_reminders_to_the_survivor_and_erasing_blanks_and_cancels_them()
    {
        var duplicate = await _world.AddContactablePersonAsync("Dupe Person", $"dupe.{Guid.NewGuid():N}@example.org");
        var survivor = await _world.AddContactablePersonAsync("Survivor Person", $"survivor.{Guid.NewGuid():N}@example.org");
        var key = NewKey();
        await ScheduleAsync(key, Noon.AddDays(5), subject: "Visit with Dupe", person: duplicate);

        await WithRemindersAsync(r => r.ReassignPersonAsync(duplicate, survivor));
        Assert.That((await RowsAsync(_world.App, key)).Select(r => r.PersonId), Is.All.EqualTo(survivor));

        await WithRemindersAsync(r => r.ForgetPersonAsync(survivor));
        var rows = await RowsAsync(_world.App, key);
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo("cancelled"));
        Assert.That(rows.Select(r => r.Subject), Is.All.EqualTo("(erased)"));
    }

    [Test]
    public void The_message_id_is_stable_for_a_reminder_and_new_when_its_event_moves()
    {
        var first = ReminderDispatcher.MessageIdFor("teams.training.1.2.2d", Noon, "Organising <organising@example.org>");
        var again = ReminderDispatcher.MessageIdFor("teams.training.1.2.2d", Noon, "Organising <organising@example.org>");
        var moved = ReminderDispatcher.MessageIdFor("teams.training.1.2.2d", Noon.AddDays(7), "Organising <organising@example.org>");

        Assert.That(again, Is.EqualTo(first));
        Assert.That(moved, Is.Not.EqualTo(first));
        Assert.That(first, Does.EndWith("@example.org"));
    }
}
