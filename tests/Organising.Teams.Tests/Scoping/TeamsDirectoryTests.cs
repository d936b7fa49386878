using Organising.Teams.Contracts;

namespace Organising.Teams.Tests.Scoping;

/// <summary>What later modules ask Teams about teams (Listening scopes its campaigns by them).</summary>
public sealed class TeamsDirectoryTests : WorldFixture
{
    [Test]
    public async Task A_users_teams_are_those_their_person_belongs_to_with_the_ones_they_lead()
    {
        var leader = await World.SendAsAsync(World.Organiser, new GetUserTeams(World.Leader.Id));
        Assert.That(leader.PersonId, Is.EqualTo(World.PersonOfUser(World.Leader)));
        Assert.That(leader.MemberOf, Is.EquivalentTo(new[] { World.TeamA }));
        Assert.That(leader.Leads, Is.EquivalentTo(new[] { World.TeamA }));

        var volunteer = await World.SendAsAsync(World.Organiser, new GetUserTeams(World.OtherVolunteer.Id));
        Assert.That(volunteer.MemberOf, Is.EquivalentTo(new[] { World.TeamB }));
        Assert.That(volunteer.Leads, Is.Empty);
    }

    [Test]
    public async Task A_user_with_no_person_belongs_to_no_team()
    {
        var (userId, _) = await World.NewUserAsync(Organising.Platform.Identity.Roles.Volunteer);
        var teams = await World.SendAsAsync(World.Organiser, new GetUserTeams(userId));
        Assert.That(teams.PersonId, Is.Null);
        Assert.That(teams.MemberOf, Is.Empty);
    }

    [Test]
    public async Task The_list_has_every_team_and_a_team_lists_its_members()
    {
        var list = await World.SendAsAsync(World.Volunteer, new ListTeams());
        Assert.That(list.Select(t => t.Id), Is.SupersetOf(new[] { World.TeamA, World.TeamB }));
        Assert.That(list.Single(t => t.Id == World.TeamA).NetworkId, Is.EqualTo(World.NetworkA));

        var members = await World.SendAsAsync(World.Organiser, new GetTeamMembers(World.TeamA));
        Assert.That(members, Is.EquivalentTo(new[] { World.PersonOfUser(World.Leader), World.PersonOfUser(World.Volunteer) }));
    }
}
