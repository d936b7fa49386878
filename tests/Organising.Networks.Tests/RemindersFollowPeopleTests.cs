using Dapper;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Tests.Support;

namespace Organising.Networks.Tests;

/// <summary>Platform's reminders follow people through this module's merges and erasures, in the same transaction.</summary>
public sealed class RemindersFollowPeopleTests
{
    private NetworksWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await NetworksWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private async Task<string> AddPendingReminderAsync(Guid personId, string subject)
    {
        var key = $"testing.visit.{Guid.NewGuid():N}";
        var due = DateTimeOffset.UtcNow.AddDays(3);
        await using var db = _world.App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO platform_reminder (id, key, base_key, person_id, kind, event_at, lead_minutes, due_at, subject, body, status, created_at, updated_at)
            VALUES (@id, @key, @key, @personId, 'testing.visit', @due, 0, @due, @subject, 'Body', 'pending', @due, @due)
            """, new { id = Guid.CreateVersion7(), key, personId, due, subject });
        return key;
    }

    private async Task<(string Status, string Subject, Guid PersonId)> ReminderAsync(string key)
    {
        await using var db = _world.App.OpenDatabase();
        return await db.QuerySingleAsync<(string, string, Guid)>("SELECT status, subject, person_id FROM platform_reminder WHERE key = @key", new { key });
    }

    [Test]
    public async Task Merging_people_gives_the_duplicates_reminders_to_the_survivor()
    {
        var survivor = await _world.AddPersonAsync("Survivor Reminded");
        var duplicate = await _world.AddPersonAsync("Duplicate Reminded");
        var key = await AddPendingReminderAsync(duplicate, "Visit");

        await _world.SendAsAsync(_world.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate, Confirmed = true });

        Assert.That((await ReminderAsync(key)).PersonId, Is.EqualTo(survivor));
    }

    [Test]
    public async Task Erasing_a_person_cancels_their_reminders_and_blanks_the_text()
    {
        var person = await _world.AddPersonAsync("Erased Reminded");
        var key = await AddPendingReminderAsync(person, "Visit with Erased Reminded");

        await _world.SendAsAsync(_world.Organiser, new ErasePerson.Command { PersonId = person, Confirmed = true });

        Assert.That(await ReminderAsync(key), Is.EqualTo(("cancelled", "(erased)", person)));
    }
}
