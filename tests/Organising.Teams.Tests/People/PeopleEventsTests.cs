using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Platform.PersonalData;
using Organising.Platform.Reminders;
using Organising.Teams.People;

namespace Organising.Teams.Tests.People;

/// <summary>Networks merges and erases people; Teams follows in the same transaction, and answers subject-access requests.</summary>
public sealed class PeopleEventsTests : WorldFixture
{
    private async Task<T> ScalarAsync<T>(string sql, object args)
    {
        await using var db = World.App.OpenDatabase();
        return (await db.ExecuteScalarAsync<T>(sql, args))!;
    }

    private async Task<Guid> AddSessionAsync(Guid module)
    {
        var id = Guid.CreateVersion7();
        await using var db = World.App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO teams_session (id, module_id, starts_at, ends_at, place, capacity, created_at, updated_at)
            VALUES (@id, @module, @now, @now, 'Hall', 10, @now, @now)
            """, new { id = id.ToString(), module = module.ToString(), now = World.Now });
        return id;
    }

    private async Task EnrolAsync(Guid session, Guid person, string status)
    {
        await using var db = World.App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO teams_enrolment (session_id, person_id, status, enrolled_at) VALUES (@session, @person, @status, @now)",
            new { session = session.ToString(), person = person.ToString(), status, now = World.Now });
    }

    [Test]
    public async Task A_merge_repoints_memberships_one_to_ones_enrolments_and_completions_to_the_survivor()
    {
        var survivor = await World.AddPersonAsync("Sadia Survivor");
        var duplicate = await World.AddPersonAsync("Sadia S Duplicate");
        await World.AddMemberAsync(World.TeamA, survivor, "volunteer");
        await World.AddMemberAsync(World.TeamA, duplicate, "community-champion", leads: true);
        await World.AddMemberAsync(World.TeamB, duplicate, "volunteer");
        var held = await World.AddOneToOneAsync(null, duplicate, survivor);
        var met = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Leader), duplicate);
        var session = await AddSessionAsync(RecordSeeds.PowerAnalysisModule);
        await EnrolAsync(session, survivor, "waiting");
        await EnrolAsync(session, duplicate, "enrolled");
        await World.CompleteAsync(duplicate, RecordSeeds.OneToOnesModule);

        await World.SendAsAsync(World.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate, Confirmed = true });

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE person_id = @duplicate", new { duplicate = duplicate.ToString() }), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT leads FROM teams_member WHERE person_id = @survivor AND team_id = @team", new { survivor = survivor.ToString(), team = World.TeamA.ToString() }),
            Is.EqualTo(1), "leading the team carries over");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE person_id = @survivor", new { survivor = survivor.ToString() }), Is.EqualTo(2));
        Assert.That(await ScalarAsync<string>("SELECT held_by FROM teams_one_to_one WHERE id = @held", new { held = held.ToString() }), Is.EqualTo(survivor.ToString()));
        Assert.That(await ScalarAsync<string>("SELECT met_person_id FROM teams_one_to_one WHERE id = @met", new { met = met.ToString() }), Is.EqualTo(survivor.ToString()));
        Assert.That(await ScalarAsync<string>("SELECT status FROM teams_enrolment WHERE session_id = @session AND person_id = @survivor", new { session = session.ToString(), survivor = survivor.ToString() }),
            Is.EqualTo("enrolled"), "the place held beats the waiting list");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_enrolment WHERE session_id = @session", new { session = session.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_completion WHERE person_id = @survivor", new { survivor = survivor.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task An_erasure_anonymises_the_notes_about_the_person_and_cancels_the_follow_up_that_names_them()
    {
        var person = await World.AddPersonAsync("Erin Erased");
        await World.AddMemberAsync(World.TeamA, person);
        var holder = World.PersonOfUser(World.Leader);
        var oneToOne = await World.AddOneToOneAsync(World.TeamA, holder, person, story: "Her son's asthma and the damp flat", followUpOn: "2030-01-02");
        var heldByThem = await World.AddOneToOneAsync(World.TeamA, person, holder, story: "Notes about the leader");
        await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            await sp.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(OneToOneKeys.FollowUp(oneToOne), holder, "teams.follow-up",
                World.Clock.GetUtcNow().AddDays(3), "Follow up with Erin Erased", "Ask about the house meeting."), CancellationToken.None);
            return 0;
        });

        await World.SendAsAsync(World.Organiser, new ErasePerson.Command { PersonId = person, Confirmed = true });

        Assert.That(await ScalarAsync<string?>("SELECT story FROM teams_one_to_one WHERE id = @id", new { id = oneToOne.ToString() }), Is.Null);
        Assert.That(await ScalarAsync<string?>("SELECT self_interest FROM teams_one_to_one WHERE id = @id", new { id = oneToOne.ToString() }), Is.Null);
        Assert.That(await ScalarAsync<string?>("SELECT anonymised_at FROM teams_one_to_one WHERE id = @id", new { id = oneToOne.ToString() }), Is.Not.Null);
        Assert.That(await ScalarAsync<string?>("SELECT story FROM teams_one_to_one WHERE id = @id", new { id = heldByThem.ToString() }), Is.EqualTo("Notes about the leader"),
            "notes they wrote about someone else are that person's");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE base_key = @key AND status = 'pending'",
            new { key = OneToOneKeys.FollowUp(oneToOne) }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE base_key = @key AND (subject LIKE '%Erin%' OR body LIKE '%Erin%')",
            new { key = OneToOneKeys.FollowUp(oneToOne) }), Is.Zero, "the reminder no longer names them");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE base_key = @key", new { key = OneToOneKeys.FollowUp(oneToOne) }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE person_id = @person", new { person = person.ToString() }), Is.Zero);
    }

    [Test]
    public async Task The_subject_access_export_holds_their_teams_one_to_ones_about_them_and_training()
    {
        var person = await World.AddPersonAsync("Sam Subject");
        await World.AddMemberAsync(World.TeamB, person, "community-champion");
        await World.AddOneToOneAsync(World.TeamB, World.PersonOfUser(World.OtherLeader), person, story: "Wants the clinic open on Saturdays");
        await World.AddOneToOneAsync(World.TeamB, person, World.PersonOfUser(World.OtherVolunteer), story: "Secret about someone else");
        await World.CompleteAsync(person, RecordSeeds.NegotiationModule);

        var section = await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            foreach (var source in sp.GetServices<IPersonalDataSource>())
                if (await source.CollectAsync(person, CancellationToken.None) is { Module: "teams" } found) return found;
            return null;
        });

        Assert.That(section, Is.Not.Null);
        var text = string.Join("\n", section!.Records.SelectMany(r => r.Fields.Select(f => $"{r.Kind}: {f.Key} = {f.Value}")));
        Assert.That(text, Does.Contain("Team membership: Team = Diabetes champions").And.Contain("community-champion"));
        Assert.That(text, Does.Contain("Wants the clinic open on Saturdays"));
        Assert.That(text, Does.Contain("One-to-one you held"));
        Assert.That(text, Does.Not.Contain("Secret about someone else"));
        Assert.That(text, Does.Contain("Training completed: Module = Negotiation"));
    }
}
