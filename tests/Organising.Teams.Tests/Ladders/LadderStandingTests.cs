using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Organising.Teams.Areas.Teams.Pages.Ladders;
using Organising.Teams.Contracts;

namespace Organising.Teams.Tests.Ladders;

/// <summary>A person's rung is computed from what is recorded here and what later modules report; nobody types it in.</summary>
public sealed class LadderStandingTests : WorldFixture
{
    private Task<GetPersonLadder.Result?> LadderAsync(AppWorld.User user, Guid person) => World.SendAsAsync(user, new GetPersonLadder.Query(person));

    private Task ReportAsync(Guid person, string activity, string key) =>
        PublishAsync(new LeadershipActivityRecorded(person, activity, World.Clock.GetUtcNow(), key));

    /// <summary>As another module's command publishes it; the command's commit counts as a write, which ends what the app kept in memory.</summary>
    private async Task PublishAsync(INotification notification)
    {
        await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            await sp.GetRequiredService<IPublisher>().Publish(notification);
            return 0;
        });
        World.App.OpenDatabase().Dispose();
    }

    private async Task<Guid> NewMemberAsync(string role = "volunteer")
    {
        var person = await World.AddPersonAsync($"Climber {Guid.NewGuid():N}", World.NetworkA);
        await World.AddMemberAsync(World.TeamA, person, role);
        return person;
    }

    [Test]
    public async Task A_community_member_climbs_rung_by_rung_as_training_one_to_ones_and_reported_activities_are_recorded()
    {
        var person = await NewMemberAsync();
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Current, Is.Null, "nothing recorded yet");

        await World.CompleteAsync(person, RecordSeeds.OneToOnesModule, RecordSeeds.PowerAnalysisModule);
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Position, Is.Zero, "two of three core modules is not core training");

        await World.CompleteAsync(person, RecordSeeds.ListeningModule);
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Current!.Name, Is.EqualTo("Attended core training"));

        await World.HoldOneToOnesAsync(person, 4);
        var four = (await LadderAsync(World.Organiser, person))!.Standing;
        Assert.That(four.Position, Is.EqualTo(1));
        Assert.That(four.Rungs[1].Progress, Is.EqualTo("4 of 5 one-to-ones"));

        await World.HoldOneToOnesAsync(person, 1);
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Position, Is.EqualTo(2));

        await ReportAsync(person, LeadershipActivities.HostedHouseMeeting, $"listening.event.{Guid.NewGuid()}.host");
        var three = (await LadderAsync(World.Organiser, person))!;
        Assert.That(three.Standing.Current!.Name, Is.EqualTo("Hosted a house meeting"));
        Assert.That(three.Standing.Track, Is.EqualTo("community"));
        Assert.That(three.OneToOnesHeld, Is.EqualTo(5));
        Assert.That(three.Completions, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_rung_reached_out_of_order_shows_as_reached_but_the_person_stands_below_the_gap()
    {
        var person = await NewMemberAsync();
        await ReportAsync(person, LeadershipActivities.ChairedMeeting, $"assembly.{Guid.NewGuid()}.chair");

        var standing = (await LadderAsync(World.Organiser, person))!.Standing;

        Assert.That(standing.Current, Is.Null);
        Assert.That(standing.Rungs.Single(r => r.Rung.Name == "Chaired a meeting").Reached, Is.True);
    }

    [Test]
    public async Task A_repeated_report_counts_once_and_a_withdrawn_one_no_longer_counts()
    {
        var person = await NewMemberAsync();
        await World.CompleteAsync(person, RecordSeeds.CoreModules);
        await World.HoldOneToOnesAsync(person, 5);
        var key = $"listening.event.{Guid.NewGuid()}.host";

        await ReportAsync(person, LeadershipActivities.HostedHouseMeeting, key);
        await ReportAsync(person, LeadershipActivities.HostedHouseMeeting, key);
        Assert.That((await LadderAsync(World.Organiser, person))!.Activities, Has.Count.EqualTo(1));
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Position, Is.EqualTo(3));

        await PublishAsync(new LeadershipActivityWithdrawn(key));
        Assert.That((await LadderAsync(World.Organiser, person))!.Standing.Position, Is.EqualTo(2));
    }

    [Test]
    public async Task A_clinical_lead_climbs_the_clinicians_ladder()
    {
        var person = await NewMemberAsync("clinical-lead");
        await World.CompleteAsync(person, RecordSeeds.CoreModules);
        await World.HoldOneToOnesAsync(person, 5);
        await ReportAsync(person, LeadershipActivities.JoinedResearchAction, $"research.{Guid.NewGuid()}");

        var standing = (await LadderAsync(World.Organiser, person))!.Standing;

        Assert.That(standing.Track, Is.EqualTo("clinician"));
        Assert.That(standing.Current!.Name, Is.EqualTo("Joined a research action"));
    }

    [Test]
    public async Task A_persons_ladder_is_seen_by_organisers_themself_and_the_leaders_of_their_teams_only()
    {
        var member = await NewMemberAsync();
        Assert.That(await LadderAsync(World.Leader, member), Is.Not.Null, "Team A's leader");
        Assert.That(await LadderAsync(World.OtherLeader, member), Is.Null, "team B's leader");
        Assert.That(await LadderAsync(World.OtherVolunteer, member), Is.Null, "someone else");
        Assert.That(await LadderAsync(World.Volunteer, World.PersonOfUser(World.Volunteer)), Is.Not.Null, "their own");

        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Teams/Ladders/Person/{member}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var page = await World.Leader.Browser.GetAsync($"/Teams/Ladders/Person/{member}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text("h1"), Does.StartWith("Climber"));
        Assert.That((await World.Observer.Browser.GetAsync($"/Teams/Ladders/Person/{member}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [Test]
    public async Task The_team_page_shows_where_each_member_stands_and_what_comes_next()
    {
        var person = await NewMemberAsync();
        await World.CompleteAsync(person, RecordSeeds.CoreModules);
        await World.HoldOneToOnesAsync(person, 2);
        var name = (await LadderAsync(World.Organiser, person))!.Name;

        var page = await World.Leader.Browser.GetAsync($"/Teams/Details/{World.TeamA}");

        var row = page.Document.QuerySelectorAll("#ladder-standings tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.That(row.TextContent, Does.Contain("1 of 5: Attended core training").And.Contain("Held 5 one-to-ones (2 of 5 one-to-ones)"));
        Assert.That(row.QuerySelector($"a[href='/Teams/Ladders/Person/{person}']"), Is.Not.Null, "the team's leader may open their ladder");
        var asMember = await World.Volunteer.Browser.GetAsync($"/Teams/Details/{World.TeamA}");
        Assert.That(asMember.Document.QuerySelector($"#ladder-standings a[href='/Teams/Ladders/Person/{person}']"), Is.Null);
    }

    [Test]
    public async Task The_team_page_shows_where_each_member_stands_on_the_ladder_their_roles_in_any_team_put_them_on()
    {
        var teamName = $"Ladder team {Guid.NewGuid():N}";
        var team = await World.AddTeamAsync(teamName, World.NetworkA);
        var otherTeam = await World.AddTeamAsync($"Clinic team {Guid.NewGuid():N}", World.NetworkA);
        var trained = await World.AddPersonAsync("Aisha Trained", World.NetworkA);
        var doctor = await World.AddPersonAsync("Dr Bola Clinician", World.NetworkA);
        var newcomer = await World.AddPersonAsync("Cara Newcomer", World.NetworkA);
        await World.AddMemberAsync(team, trained, "community-champion");
        await World.AddMemberAsync(team, doctor, "volunteer");
        await World.AddMemberAsync(otherTeam, doctor, "clinical-lead"); // a clinical lead elsewhere climbs the clinicians' ladder here too
        await World.AddMemberAsync(team, newcomer, "volunteer");
        await World.CompleteAsync(trained, RecordSeeds.CoreModules);
        await World.CompleteAsync(doctor, RecordSeeds.CoreModules);
        await World.CompleteAsync(newcomer, RecordSeeds.OneToOnesModule, RecordSeeds.PowerAnalysisModule);

        var page = await World.Organiser.Browser.GetPageAsync($"/Teams/Details/{team}");

        var rows = page.Document.QuerySelectorAll("#ladder-standings tbody tr")
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()))).ToList();
        Assert.That(rows, Is.EquivalentTo(new[]
        {
            "Aisha Trained|Community members|1 of 5: Attended core training",
            "Dr Bola Clinician|Clinicians|1 of 5: Attended core training",
            "Cara Newcomer|Community members|Not yet on the ladder",
        }));
        Assert.That(page.Document.QuerySelector("#ladder-standings a[href='/Teams/Ladders/Person/" + newcomer + "']")?.TextContent, Is.EqualTo("Cara Newcomer"));
        var ladders = await World.SendAsAsync(World.Organiser, new GetLadders.Query(teamName, 1, 50));
        Assert.That(ladders.People.Items.Single(p => p.PersonId == doctor).Track, Is.EqualTo("clinician"), "the ladders page agrees");
    }

    [Test]
    public async Task The_ladders_page_counts_people_on_each_rung_of_the_teams_the_user_sees()
    {
        var person = await NewMemberAsync();
        await World.CompleteAsync(person, RecordSeeds.CoreModules);

        var asLeader = await World.SendAsAsync(World.Leader, new GetLadders.Query(null, 1, 50));
        var asOtherLeader = await World.SendAsAsync(World.OtherLeader, new GetLadders.Query(null, 1, 50));

        Assert.That(asLeader.People.Items.Select(p => p.PersonId), Does.Contain(person));
        Assert.That(asOtherLeader.People.Items.Select(p => p.PersonId), Does.Not.Contain(person));
        Assert.That(asLeader.Tracks.Single(t => t.Id == "community").Rungs[0].People, Is.GreaterThanOrEqualTo(1));

        var csv = await World.Leader.Browser.GetAsync("/Teams/Ladders?handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("Climber").And.Contain("Attended core training"));
    }
}
