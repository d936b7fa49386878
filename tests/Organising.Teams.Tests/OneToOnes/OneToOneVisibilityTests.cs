using Organising.Teams.Areas.Teams.Pages.OneToOnes;
using static Organising.Teams.Tests.OneToOnes.OneToOneTestKit;

namespace Organising.Teams.Tests.OneToOnes;

/// <summary>
/// Who sees a one-to-one and who reads its notes, through the queries: the holder, the recorder, the team's Leaders and
/// Organisers read the notes; other members of the team see only that it happened; others, and Observers, see nothing.
/// </summary>
public sealed class OneToOneVisibilityTests : WorldFixture
{
    private const string Story = "Lost her job after the clinic closed";
    private Guid _leadersOneToOne;
    private Guid _volunteersOneToOne;
    private Guid _teamBOneToOne;

    [OneTimeSetUp]
    public async Task Seed()
    {
        var metA = await World.AddPersonAsync("Lena Ortiz", World.NetworkA);
        var metB = await World.AddPersonAsync("Omar Said", World.NetworkB);
        _leadersOneToOne = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Leader), metA, story: Story, recordedBy: World.Leader.Id);
        _volunteersOneToOne = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Volunteer), metA, story: "Volunteer's notes", recordedBy: World.Volunteer.Id);
        _teamBOneToOne = await World.AddOneToOneAsync(World.TeamB, World.PersonOfUser(World.OtherLeader), metB, story: "Team B's notes", recordedBy: World.OtherLeader.Id);
    }

    [Test]
    public async Task The_holder_reads_the_notes()
    {
        var details = await World.SendAsAsync(World.Leader, new GetOneToOne.Query(_leadersOneToOne));

        Assert.That(details, Is.Not.Null);
        Assert.That(details!.CanSeeNotes, Is.True);
        Assert.That(details.Story, Is.EqualTo(Story));
        Assert.That(details.HeldByName, Is.EqualTo("Lee Leader"));
        Assert.That(details.MetName, Is.EqualTo("Lena Ortiz"));
    }

    [Test]
    public async Task The_team_leader_reads_the_notes_of_a_volunteers_one_to_one()
    {
        var details = await World.SendAsAsync(World.Leader, new GetOneToOne.Query(_volunteersOneToOne));

        Assert.That(details?.Story, Is.EqualTo("Volunteer's notes"));
    }

    [Test]
    public async Task A_volunteer_in_the_team_sees_that_another_member_held_one_but_not_its_notes()
    {
        var details = await World.SendAsAsync(World.Volunteer, new GetOneToOne.Query(_leadersOneToOne));

        Assert.That(details, Is.Not.Null);
        Assert.That(details!.CanSeeNotes, Is.False);
        Assert.That(new[] { details.Story, details.SelfInterest, details.Talents, details.Leads, details.NextAsk, details.Place }, Is.All.Null);
        Assert.That(details.MetName, Is.EqualTo("Lena Ortiz"));
    }

    [Test]
    public async Task The_leader_of_another_team_cannot_open_it_by_id()
    {
        Assert.That(await World.SendAsAsync(World.OtherLeader, new GetOneToOne.Query(_leadersOneToOne)), Is.Null);
        Assert.That(await World.SendAsAsync(World.Leader, new GetOneToOne.Query(_teamBOneToOne)), Is.Null);
    }

    [Test]
    public async Task An_organiser_reads_every_teams_notes()
    {
        Assert.That((await World.SendAsAsync(World.Organiser, new GetOneToOne.Query(_teamBOneToOne)))?.Story, Is.EqualTo("Team B's notes"));
        Assert.That((await World.SendAsAsync(World.Admin, new GetOneToOne.Query(_leadersOneToOne)))?.Story, Is.EqualTo(Story));
    }

    [Test]
    public async Task An_observer_sees_no_one_to_ones()
    {
        Assert.That(await World.SendAsAsync(World.Observer, new GetOneToOne.Query(_leadersOneToOne)), Is.Null);
        var list = await World.SendAsAsync(World.Observer, new FindOneToOnes.Query(null, null, false, 1, 50));
        Assert.That(list.OneToOnes.Total, Is.Zero);
        Assert.That(list.AnyOneToOnes, Is.False);
    }

    [Test]
    public async Task The_list_shows_a_volunteer_their_teams_one_to_ones_with_notes_only_of_their_own()
    {
        var list = await World.SendAsAsync(World.Volunteer, new FindOneToOnes.Query(null, null, false, 1, 50));

        var ids = list.OneToOnes.Items.Select(r => r.Id).ToList();
        Assert.That(ids, Does.Contain(_leadersOneToOne).And.Contain(_volunteersOneToOne).And.Not.Contain(_teamBOneToOne));
        var leaders = list.OneToOnes.Items.Single(r => r.Id == _leadersOneToOne);
        Assert.That((leaders.CanSeeNotes, leaders.Story), Is.EqualTo((false, (string?)null)));
        var own = list.OneToOnes.Items.Single(r => r.Id == _volunteersOneToOne);
        Assert.That((own.CanSeeNotes, own.Story), Is.EqualTo((true, (string?)"Volunteer's notes")));
        Assert.That(list.Teams.Select(t => t.Id), Is.EqualTo(new[] { World.TeamA }));
    }

    [Test]
    public async Task Each_organisers_own_list_counts_their_own_one_to_ones()
    {
        // Organisers all see every team, so what they share in the read cache must not include "mine".
        var (secondId, secondEmail) = await World.NewUserAsync(Organising.Platform.Identity.Roles.Organiser, "second.organiser");
        var second = new AppWorld.User(secondId, secondEmail, Organising.Platform.Identity.Roles.Organiser, "Second Organiser", World.Organiser.Browser);
        var secondPerson = await World.AddContactablePersonAsync("Second Organiser", secondEmail);
        await World.AddOneToOneAsync(World.TeamA, secondPerson, await World.AddPersonAsync("Met By Second"));
        await World.AddOneToOneAsync(World.TeamA, secondPerson, await World.AddPersonAsync("Met By Second Again"));
        World.App.OpenDatabase().Dispose();

        var first = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query(null, null, true, 1, 50));
        var theirs = await World.SendAsAsync(second, new FindOneToOnes.Query(null, null, true, 1, 50));

        Assert.That(theirs.OneToOnes.Total, Is.EqualTo(2));
        Assert.That(first.OneToOnes.Total, Is.EqualTo(first.OneToOnes.Items.Count));
    }

    [Test]
    public async Task The_list_filters_by_mine_by_team_and_by_name()
    {
        var mine = await World.SendAsAsync(World.Volunteer, new FindOneToOnes.Query(null, null, true, 1, 50));
        Assert.That(mine.OneToOnes.Items.Select(r => r.Id), Does.Contain(_volunteersOneToOne).And.Not.Contain(_leadersOneToOne));

        var teamB = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query(null, World.TeamB, false, 1, 50));
        Assert.That(teamB.OneToOnes.Items.Select(r => r.TeamId), Is.All.EqualTo(World.TeamB));
        Assert.That(teamB.OneToOnes.Items.Select(r => r.Id), Does.Contain(_teamBOneToOne));

        var byName = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query("omar", null, false, 1, 50));
        Assert.That(byName.OneToOnes.Items.Select(r => r.Id), Is.EqualTo(new[] { _teamBOneToOne }));

        var byTeam = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query("northfield", null, false, 1, 50));
        Assert.That(byTeam.OneToOnes.Items.Select(r => r.TeamId), Is.All.EqualTo(World.TeamA));
        Assert.That(byTeam.OneToOnes.Total, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Another_teams_leader_lists_none_of_team_As()
    {
        var list = await World.SendAsAsync(World.OtherLeader, new FindOneToOnes.Query(null, World.TeamA, false, 1, 50));

        Assert.That(list.OneToOnes.Total, Is.Zero);
    }

    [Test]
    public async Task The_list_pages()
    {
        var first = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query(null, null, false, 1, 2));
        var second = await World.SendAsAsync(World.Organiser, new FindOneToOnes.Query(null, null, false, 2, 2));

        Assert.That(first.OneToOnes.Items, Has.Count.EqualTo(2));
        Assert.That(first.OneToOnes.Total, Is.GreaterThanOrEqualTo(3));
        Assert.That(second.OneToOnes.Items.Select(r => r.Id), Is.Not.Empty.And.No.AnyOf(first.OneToOnes.Items.Select(r => r.Id).ToArray()));
    }
}
