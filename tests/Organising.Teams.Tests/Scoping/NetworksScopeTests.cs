using System.Net;
using Organising.Networks.Areas.Networks.Pages.People;

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
}
