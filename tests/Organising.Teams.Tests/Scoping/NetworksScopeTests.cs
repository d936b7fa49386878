using System.Net;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Platform.Pipeline;
using Organising.Teams.Areas.Teams.Pages.Members;
using Organising.Teams.Areas.Teams.Pages.OneToOnes;
using Organising.Teams.Areas.Teams.Pages.Pipeline;
using Organising.Teams.Tests.OneToOnes;

namespace Organising.Teams.Tests.Scoping;

/// <summary>Networks honours team scoping: a Leader sees the people in their teams' networks and their teams' members, no one else.</summary>
public sealed class NetworksScopeTests : WorldFixture
{
    [Test]
    public async Task A_leader_sees_the_people_in_the_network_their_team_focuses_on_and_not_the_other_teams()
    {
        var inMyNetwork = await World.AddPersonAsync("Nasra Northfield", World.NetworkA);
        var inOtherNetwork = await World.AddPersonAsync("Dev Diabetes", World.NetworkB);

        var list = await World.Leader.Browser.GetAsync("/Networks/People");
        Assert.That(list.Body, Does.Contain("Nasra Northfield").And.Not.Contain("Dev Diabetes"));
        Assert.That((await World.Leader.Browser.GetAsync($"/Networks/People/Details/{inMyNetwork}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.Leader.Browser.GetAsync($"/Networks/People/Details/{inOtherNetwork}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var otherLeaders = await World.SendAsAsync(World.OtherLeader, new ListPeople.Query(new ListPeople.Filters(), 1, 50));
        Assert.That(otherLeaders.People.Items.Select(p => p.Id), Does.Contain(inOtherNetwork).And.Not.Contain(inMyNetwork));
    }

    [Test]
    public async Task A_leader_sees_their_teams_members_outside_the_network_and_organisers_see_everyone()
    {
        var member = await World.AddPersonAsync("Outside Member");
        await World.AddMemberAsync(World.TeamA, member);

        Assert.That((await World.Leader.Browser.GetAsync($"/Networks/People/Details/{member}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Networks/People/Details/{member}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Networks/People/Details/{member}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_volunteer_member_of_a_team_still_sees_only_the_people_they_added()
    {
        var inNetwork = await World.AddPersonAsync("Volunteer Cannot See", World.NetworkA);

        Assert.That((await World.Volunteer.Browser.GetAsync($"/Networks/People/Details/{inNetwork}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_person_a_leader_cannot_see_cannot_be_linked_by_posting_their_id()
    {
        var outside = await World.AddPersonAsync("Omar Outside", World.NetworkB);

        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddMember.Command { TeamId = World.TeamA, PersonId = outside }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = World.TeamA, PersonId = outside }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, OneToOneTestKit.Command(World, World.TeamA, outside)));
        var session = Guid.CreateVersion7();
        await using (var db = World.App.OpenDatabase())
            await Dapper.SqlMapper.ExecuteAsync(db, """
                INSERT INTO teams_session (id, module_id, team_id, starts_at, ends_at, place, capacity, created_at, updated_at)
                VALUES (@id, @module, @team, @starts, @starts, 'Hall', 10, @now, @now)
                """, new { id = session.ToString(), module = RecordSeeds.OneToOnesModule.ToString(), team = World.TeamA.ToString(),
                    starts = DapperTypeHandlers.ToDbText(World.Clock.GetUtcNow().AddDays(3)), now = World.Now });
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new Organising.Teams.Areas.Teams.Pages.Training.Sessions.Enrol.Command(session, outside)));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE person_id = @p", new { p = outside.ToString() })
            + await World.CountAsync("SELECT COUNT(*) FROM teams_recruit WHERE person_id = @p", new { p = outside.ToString() })
            + await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE met_person_id = @p", new { p = outside.ToString() })
            + await World.CountAsync("SELECT COUNT(*) FROM teams_enrolment WHERE person_id = @p", new { p = outside.ToString() }), Is.Zero);

        // The same commands take someone in the Leader's team's network.
        var inside = await World.AddPersonAsync("Ines Inside", World.NetworkA);
        await World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = World.TeamA, PersonId = inside });
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_recruit WHERE person_id = @p", new { p = inside.ToString() }), Is.EqualTo(1));
    }
}
