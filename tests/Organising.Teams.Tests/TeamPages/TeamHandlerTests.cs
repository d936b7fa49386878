using Organising.Platform.Pipeline;
using Organising.Teams.Areas.Teams.Pages;
using Organising.Teams.Areas.Teams.Pages.Members;
using static Organising.Teams.Tests.Support.TeamsCoreSeeds;

namespace Organising.Teams.Tests.TeamPages;

/// <summary>The team commands and queries on a real database, as each role and across teams.</summary>
public sealed class TeamHandlerTests : WorldFixture
{
    private Task<SaveTeam.Saved> SaveAsync(AppWorld.User user, SaveTeam.Command command) => World.SendAsAsync(user, command);

    private static string FieldMessage(ValidationFailedException ex, string field) => ex.Errors.Single(e => e.Field == field).Message;

    [Test]
    public async Task An_organiser_creates_a_team_with_a_network_and_it_is_audited()
    {
        var name = Unique("Riverside team");
        var saved = await SaveAsync(World.Organiser, new SaveTeam.Command { Name = $"  {name} ", Purpose = "Better diabetes care.", NetworkId = World.NetworkA, Status = "forming" });

        Assert.That(saved.Created, Is.True);
        Assert.That(saved.Name, Is.EqualTo(name));
        var team = await World.SendAsAsync(World.Organiser, new GetTeam.Query(saved.Id));
        Assert.That(team, Is.Not.Null);
        Assert.That(team!.Name, Is.EqualTo(name));
        Assert.That(team.Purpose, Is.EqualTo("Better diabetes care."));
        Assert.That(team.NetworkName, Is.EqualTo("Northfield estate"));
        Assert.That(team.Status, Is.EqualTo("forming"));
        Assert.That(await World.AuditCountAsync("teams.team-created", saved.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Empty_duplicate_and_unknown_values_are_refused_with_messages()
    {
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Organiser, new SaveTeam.Command { Name = "   ", Status = "active" }));
        Assert.That(FieldMessage(empty!, "Name"), Is.EqualTo("Enter the team's name."));

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Organiser, new SaveTeam.Command { Name = "NORTHFIELD Health Team", Status = "active" }));
        Assert.That(FieldMessage(duplicate!, "Name"), Does.Contain("There is already a team called"));

        var network = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Organiser,
            new SaveTeam.Command { Name = Unique("Lost"), NetworkId = Guid.NewGuid(), Status = "active" }));
        Assert.That(FieldMessage(network!, "NetworkId"), Does.Contain("Choose a network from the list"));

        var status = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Organiser, new SaveTeam.Command { Name = Unique("Odd"), Status = "dormant" }));
        Assert.That(FieldMessage(status!, "Status"), Is.EqualTo("Choose one of the statuses in the list."));
    }

    [Test]
    public async Task Renaming_a_team_to_its_own_name_in_other_case_is_not_a_duplicate_and_only_changes_are_audited()
    {
        var name = Unique("Case team");
        var saved = await SaveAsync(World.Organiser, new SaveTeam.Command { Name = name, Status = "active" });
        var unchanged = await SaveAsync(World.Organiser, new SaveTeam.Command { Id = saved.Id, Name = name, Status = "active" });
        Assert.That(unchanged.Changed, Is.Empty);
        Assert.That(await World.AuditCountAsync("teams.team-edited", saved.Id), Is.EqualTo(0));

        var renamed = await SaveAsync(World.Organiser, new SaveTeam.Command { Id = saved.Id, Name = name.ToUpperInvariant(), Status = "paused" });
        Assert.That(renamed.Changed, Is.EqualTo(new[] { "name", "status" }));
        Assert.That(await World.AuditCountAsync("teams.team-edited", saved.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Only_organisers_create_and_a_leader_edits_only_the_teams_they_lead()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Leader, new SaveTeam.Command { Name = Unique("Leader's own"), Status = "active" }));

        var ownTeam = await World.AddTeamAsync(Unique("Led by Lee"), World.NetworkA);
        await World.AddMemberAsync(ownTeam, World.PersonOfUser(World.Leader), "organiser", leads: true);
        var saved = await SaveAsync(World.Leader, new SaveTeam.Command { Id = ownTeam, Name = Unique("Renamed by Lee"), NetworkId = World.NetworkA, Status = "paused" });
        Assert.That(saved.Changed, Does.Contain("status"));

        var other = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Leader,
            new SaveTeam.Command { Id = World.TeamB, Name = "Hijacked", Status = "closed" }));
        Assert.That(other!.Errors.Single().Message, Is.EqualTo(SaveTeam.NoSuchTeam));
        await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(World.Volunteer, new SaveTeam.Command { Id = World.TeamA, Name = "Volunteer's", Status = "closed" }));
        Assert.That(await World.SendAsAsync(World.Leader, new GetTeamForm.Query(World.TeamB)), Is.Null);
        Assert.That(await World.SendAsAsync(World.Leader, new GetTeamForm.Query(World.TeamA)), Is.Not.Null);
    }

    [Test]
    public async Task The_list_shows_each_role_the_teams_it_may_see_with_counts_per_stage()
    {
        var team = await World.AddTeamAsync(Unique("Counting team"), World.NetworkB, "paused");
        await World.AddMemberAsync(team, await World.AddPersonAsync("Member One"));
        await World.AddMemberAsync(team, await World.AddPersonAsync("Member Two"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Prospect One"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Prospect Two"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Trained One"), "trained");

        var asObserver = await World.SendAsAsync(World.Observer, new FindTeams.Query(null, null, 1, 50));
        var row = asObserver.Teams.Items.Single(t => t.Id == team);
        Assert.That(row.Members, Is.EqualTo(2));
        Assert.That(row.StageCount("prospect"), Is.EqualTo(2));
        Assert.That(row.StageCount("trained"), Is.EqualTo(1));
        Assert.That(row.StageCount("leader"), Is.EqualTo(0));
        Assert.That(row.NetworkName, Is.EqualTo("Diabetes pathway"));
        Assert.That(row.CanOpen, Is.False, "Observers see numbers, never the page with names");

        var asVolunteer = await World.SendAsAsync(World.OtherVolunteer, new FindTeams.Query(null, null, 1, 50));
        Assert.That(asVolunteer.Teams.Items.Select(t => t.Id), Is.EqualTo(new[] { World.TeamB }));
        Assert.That(asVolunteer.Teams.Items.Single().CanOpen, Is.True);

        var paused = await World.SendAsAsync(World.Organiser, new FindTeams.Query("counting", "paused", 1, 50));
        Assert.That(paused.Teams.Items.Select(t => t.Id), Does.Contain(team));
        var active = await World.SendAsAsync(World.Organiser, new FindTeams.Query("counting", "active", 1, 50));
        Assert.That(active.Teams.Items.Select(t => t.Id), Does.Not.Contain(team));
    }

    [Test]
    public async Task The_team_page_is_for_members_and_organisers_only()
    {
        Assert.That(await World.SendAsAsync(World.Observer, new GetTeam.Query(World.TeamA)), Is.Null);
        Assert.That(await World.SendAsAsync(World.OtherLeader, new GetTeam.Query(World.TeamA)), Is.Null);
        Assert.That(await World.SendAsAsync(World.OtherVolunteer, new GetTeam.Query(World.TeamA)), Is.Null);

        var asVolunteer = await World.SendAsAsync(World.Volunteer, new GetTeam.Query(World.TeamA));
        Assert.That(asVolunteer, Is.Not.Null);
        Assert.That(asVolunteer!.CanManage, Is.False);
        Assert.That(asVolunteer.Members.Select(m => m.Name), Does.Contain("Lee Leader").And.Contain("Val Volunteer"));
        Assert.That(asVolunteer.Members.First().Name, Is.EqualTo("Lee Leader"), "those who lead come first");
        Assert.That(asVolunteer.Members.First().Leads, Is.EqualTo(1));

        Assert.That((await World.SendAsAsync(World.Leader, new GetTeam.Query(World.TeamA)))!.CanManage, Is.True);
        Assert.That((await World.SendAsAsync(World.Organiser, new GetTeam.Query(World.TeamB)))!.CanManage, Is.True);
    }

    [Test]
    public async Task A_leader_adds_changes_and_removes_members_of_their_team_and_each_change_is_audited()
    {
        var team = await World.AddTeamAsync(Unique("Member team"), World.NetworkA);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Leader), "community-champion", leads: true);
        var person = await World.AddPersonAsync("Noor Newcomer", World.NetworkA);

        await World.SendAsAsync(World.Leader, new AddMember.Command { TeamId = team, PersonId = person, Role = "volunteer" });
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddMember.Command { TeamId = team, PersonId = person, Role = "organiser" }));
        Assert.That(duplicate!.Errors.Single().Message, Is.EqualTo("Noor Newcomer is already a member of this team."));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddMember.Command { TeamId = team, PersonId = Guid.NewGuid(), Role = "volunteer" }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddMember.Command { TeamId = team, PersonId = person, Role = "captain" }));

        Assert.That(await World.SendAsAsync(World.Leader, new ChangeMember.Command { TeamId = team, PersonId = person, Role = "clinical-lead", Leads = true }), Is.True);
        Assert.That(await World.SendAsAsync(World.Leader, new ChangeMember.Command { TeamId = team, PersonId = person, Role = "clinical-lead", Leads = true }), Is.False);
        var member = (await World.SendAsAsync(World.Leader, new GetTeam.Query(team)))!.Members.Single(m => m.PersonId == person);
        Assert.That(member.Role, Is.EqualTo("clinical-lead"));
        Assert.That(member.Leads, Is.EqualTo(1));

        await World.SendAsAsync(World.Leader, new RemoveMember.Command { TeamId = team, PersonId = person });
        Assert.That((await World.SendAsAsync(World.Leader, new GetTeam.Query(team)))!.Members.Select(m => m.PersonId), Does.Not.Contain(person));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new RemoveMember.Command { TeamId = team, PersonId = person }));

        Assert.That(await World.AuditCountAsync("teams.member-added", team), Is.EqualTo(1));
        Assert.That(await World.AuditCountAsync("teams.member-changed", team), Is.EqualTo(1));
        Assert.That(await World.AuditCountAsync("teams.member-removed", team), Is.EqualTo(1));
    }

    [Test]
    public async Task Nobody_changes_the_members_of_a_team_they_do_not_manage()
    {
        var person = await World.AddPersonAsync("Outsider Person");
        var volunteerOfA = World.PersonOfUser(World.Volunteer);
        foreach (var user in new[] { World.OtherLeader, World.Volunteer, World.Observer })
        {
            await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user, new AddMember.Command { TeamId = World.TeamA, PersonId = person }), user.Role);
            await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user, new ChangeMember.Command { TeamId = World.TeamA, PersonId = volunteerOfA, Role = "organiser", Leads = true }), user.Role);
            await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user, new RemoveMember.Command { TeamId = World.TeamA, PersonId = volunteerOfA }), user.Role);
            Assert.That(await World.SendAsAsync(user, new PickPerson.Query(World.TeamA, "Outsider")), Is.Null, user.Role);
        }
        var still = (await World.SendAsAsync(World.Organiser, new GetTeam.Query(World.TeamA)))!.Members.Single(m => m.PersonId == volunteerOfA);
        Assert.That(still.Role, Is.EqualTo("volunteer"));
        Assert.That(still.Leads, Is.EqualTo(0));
    }

    [Test]
    public async Task Choosing_a_person_marks_those_already_in_the_team()
    {
        var result = await World.SendAsAsync(World.Leader, new PickPerson.Query(World.TeamA, "Val Volunteer"));
        Assert.That(result!.Matches!.Single(m => m.Name == "Val Volunteer").IsMember, Is.True);
        Assert.That((await World.SendAsAsync(World.Leader, new PickPerson.Query(World.TeamA, null)))!.Matches, Is.Null);
    }
}
