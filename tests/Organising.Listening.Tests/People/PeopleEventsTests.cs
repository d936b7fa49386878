using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Platform.PersonalData;

namespace Organising.Listening.Tests.People;

/// <summary>Networks merges and erases people; Listening follows in the same transaction, and answers subject-access requests.</summary>
public sealed class PeopleEventsTests : WorldFixture
{
    private async Task<string?> ScalarAsync(string sql, object args)
    {
        await using var db = World.App.OpenDatabase();
        return await db.ExecuteScalarAsync<string>(sql, args);
    }

    [Test]
    public async Task A_merge_moves_the_duplicates_part_in_events_and_their_stories_to_the_survivor()
    {
        var survivor = await World.AddPersonAsync("Hodan Survivor", World.NetworkA);
        var duplicate = await World.AddPersonAsync("Hodan H Duplicate", World.NetworkA);
        var both = await World.AddEventAsync(World.CampaignA, facilitators: [survivor, duplicate], participants: [duplicate], hostPersonId: duplicate);
        var story = await World.AddStoryAsync(both, "The bus stopped running.", tellerPersonId: duplicate);

        await World.SendAsAsync(World.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate, Confirmed = true });

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event_person WHERE person_id = @duplicate", new { duplicate = duplicate.ToString() }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event_person WHERE person_id = @survivor AND event_id = @both",
            new { survivor = survivor.ToString(), both = both.ToString() }), Is.EqualTo(2), "one facilitator row (not two) and the participant row");
        Assert.That(await ScalarAsync("SELECT host_person_id FROM listening_event WHERE id = @both", new { both = both.ToString() }), Is.EqualTo(survivor.ToString()));
        Assert.That(await ScalarAsync("SELECT teller_person_id FROM listening_story WHERE id = @story", new { story = story.ToString() }), Is.EqualTo(survivor.ToString()));
    }

    [Test]
    public async Task Erasure_deletes_the_stories_a_person_told_and_their_part_in_events_but_keeps_what_others_said()
    {
        var person = await World.AddPersonAsync("Erin Erased", World.NetworkA);
        var meeting = await World.AddEventAsync(World.CampaignA, participants: [person], hostPersonId: person);
        var theirs = await World.AddStoryAsync(meeting, "My own words.", tellerPersonId: person, kind: "testimony");
        var others = await World.AddStoryAsync(meeting, "Someone else's words.");
        var raised = await World.AddRaisedAsync(meeting, "Damp flats", "Housing");

        await World.SendAsAsync(World.Organiser, new ErasePerson.Command { PersonId = person, Confirmed = true });

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_story WHERE id = @theirs", new { theirs = theirs.ToString() }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event_person WHERE person_id = @person", new { person = person.ToString() }), Is.Zero);
        Assert.That(await ScalarAsync("SELECT host_person_id FROM listening_event WHERE id = @meeting", new { meeting = meeting.ToString() }), Is.Null);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_story WHERE id = @others", new { others = others.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE id = @raised", new { raised = raised.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_subject_access_export_lists_the_events_a_person_took_part_in_and_the_stories_they_told()
    {
        var person = await World.AddPersonAsync("Sami Subject", World.NetworkA);
        var meeting = await World.AddEventAsync(World.CampaignA, participants: [person], place: "Library");
        await World.AddStoryAsync(meeting, "Waiting six months for a referral.", consent: "alliance", tellerPersonId: person);
        await World.AddStoryAsync(meeting, "Not about Sami at all.");

        var section = await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            foreach (var source in sp.GetServices<IPersonalDataSource>())
                if (await source.CollectAsync(person, CancellationToken.None) is { Module: "listening" } found) return found;
            return null;
        });

        Assert.That(section, Is.Not.Null);
        var values = section!.Records.SelectMany(r => r.Fields).Select(f => f.Value).ToList();
        Assert.That(values, Does.Contain("Library"));
        Assert.That(values, Does.Contain("participant"));
        Assert.That(values, Does.Contain("Waiting six months for a referral."));
        Assert.That(values, Does.Contain("alliance"));
        Assert.That(values, Does.Not.Contain("Not about Sami at all."));
    }

    [Test]
    public async Task Someone_Listening_holds_nothing_about_gets_no_section()
    {
        var person = await World.AddPersonAsync("Nobody Heard");
        var section = await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            foreach (var source in sp.GetServices<IPersonalDataSource>())
                if (await source.CollectAsync(person, CancellationToken.None) is { Module: "listening" } found) return found;
            return null;
        });
        Assert.That(section, Is.Null);
    }
}
