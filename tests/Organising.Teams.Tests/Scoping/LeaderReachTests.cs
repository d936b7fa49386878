using Organising.Teams.Contracts;

namespace Organising.Teams.Tests.Scoping;

/// <summary>What Networks asks Teams: the networks and people a Leader reaches through the teams they lead.</summary>
public sealed class LeaderReachTests : WorldFixture
{
    [Test]
    public async Task A_leader_reaches_the_network_and_members_of_the_teams_they_lead_only()
    {
        var reach = await World.SendAsAsync(World.Leader, new GetLeaderReach(World.Leader.Id));

        Assert.That(reach.NetworkIds, Is.EquivalentTo(new[] { World.NetworkA }));
        Assert.That(reach.PersonIds, Does.Contain(World.PersonOfUser(World.Volunteer)));
        Assert.That(reach.PersonIds, Does.Not.Contain(World.PersonOfUser(World.OtherVolunteer)));
    }

    [Test]
    public async Task A_member_who_does_not_lead_reaches_nothing_through_teams()
    {
        var reach = await World.SendAsAsync(World.Volunteer, new GetLeaderReach(World.Volunteer.Id));

        Assert.That(reach.NetworkIds, Is.Empty);
        Assert.That(reach.PersonIds, Is.Empty);
    }
}
