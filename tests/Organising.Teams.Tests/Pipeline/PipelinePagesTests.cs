using System.Net;
using static Organising.Teams.Tests.Support.TeamsCoreSeeds;

namespace Organising.Teams.Tests.Pipeline;

/// <summary>The pipeline board, list, adding and history pages through HTTP, per role and per team.</summary>
public sealed class PipelinePagesTests : WorldFixture
{
    private async Task<Guid> LeeTeamAsync()
    {
        var team = await World.AddTeamAsync(Unique("Board team"), World.NetworkA);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Leader), "community-champion", leads: true);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Volunteer));
        return team;
    }

    [Test]
    public async Task A_leader_adds_someone_by_search_moves_them_on_the_board_and_sees_their_history()
    {
        var team = await LeeTeamAsync();
        var name = $"Ife {Guid.NewGuid():N}"[..12];
        await World.AddPersonAsync(name, World.NetworkA);
        var browser = World.Leader.Browser;

        var empty = await browser.GetPageAsync($"/Teams/Pipeline/{team}");
        Assert.That(empty.Text("#empty-pipeline"), Does.Contain("Nobody is in this team's pipeline yet"));

        var found = await browser.GetPageAsync($"/Teams/Pipeline/Add/{team}?q={Uri.EscapeDataString(name)}");
        var added = await found.SubmitAsync(browser, formSelector: "form.add-recruit");
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), added.Errors);
        Assert.That(added.LocationPath, Is.EqualTo($"/Teams/Pipeline/{team}"));
        var twice = await found.SubmitAsync(browser, formSelector: "form.add-recruit");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(twice.FormError, Does.Contain($"{name} is already in this team's pipeline."));

        var board = await browser.GetPageAsync($"/Teams/Pipeline/{team}");
        Assert.That(board.Text("[data-stage=prospect] .stage-count"), Is.EqualTo("1"));
        Assert.That(board.Text("[data-stage=prospect] .recruit-name"), Is.EqualTo(name));

        // (The clock stays put: moving it would expire the shared browsers' sign-ins; the handler tests check the dates.)
        var moved = await board.SubmitAsync(browser, new() { ["Stage"] = "trained" }, "form.move");
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), moved.Errors);
        board = await browser.GetPageAsync($"/Teams/Pipeline/{team}");
        Assert.That(board.Text("[data-stage=prospect] .stage-count"), Is.EqualTo("0"));
        Assert.That(board.Text("[data-stage=trained] .stage-count"), Is.EqualTo("1"));

        var back = await board.SubmitAsync(browser, new() { ["Stage"] = "contacted" }, "form.move");
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var historyUrl = (await browser.GetPageAsync($"/Teams/Pipeline/{team}")).Document.QuerySelector(".recruit-name")!.GetAttribute("href")!;
        var history = await browser.GetPageAsync(historyUrl);
        Assert.That(history.Text("main h1"), Is.EqualTo($"{name}: stage history"));
        var rows = history.Document.QuerySelectorAll("#history tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "Contacted", "Trained", "Prospect" }));
        Assert.That(rows.Select(r => r[2]), Is.All.EqualTo("Lee Leader"));
        Assert.That(rows[0][3], Is.EqualTo("Moved back from Trained."));
        Assert.That(rows.Select(r => r[1]), Is.All.StartWith(TimeZoneInfo.ConvertTime(World.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))));
    }

    [Test]
    public async Task Members_view_the_board_without_move_forms_and_others_get_not_found()
    {
        var team = await LeeTeamAsync();
        var recruit = await World.AddRecruitAsync(team, await World.AddPersonAsync("Jo Prospect"));

        var asVolunteer = await World.Volunteer.Browser.GetPageAsync($"/Teams/Pipeline/{team}");
        Assert.That(asVolunteer.Text("[data-stage=prospect] .recruit-name"), Is.EqualTo("Jo Prospect"));
        Assert.That(asVolunteer.Document.QuerySelectorAll("form.move"), Is.Empty);
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Teams/Pipeline/Add/{team}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Teams/Pipeline/History/{recruit}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // A volunteer who posts a move anyway is refused, and nothing changes.
        var leaderBoard = await World.Leader.Browser.GetPageAsync($"/Teams/Pipeline/{team}");
        var volunteerToken = (await World.Volunteer.Browser.GetPageAsync($"/Teams/Pipeline/{team}")).Document
            .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.That(volunteerToken, Is.Not.Null, "the layout's sign-out form gives the volunteer a token");
        var post = await World.Volunteer.Browser.PostAsync($"/Teams/Pipeline/{team}?handler=Move",
            [new("RecruitId", recruit.ToString()), new("Stage", "leader"), new("__RequestVerificationToken", volunteerToken!)]);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(leaderBoard.Document.QuerySelectorAll("form.move"), Is.Not.Empty);

        foreach (var user in new[] { World.OtherLeader, World.OtherVolunteer, World.Observer })
        {
            foreach (var url in new[] { $"/Teams/Pipeline/{team}", $"/Teams/Pipeline/{team}/List", $"/Teams/Pipeline/History/{recruit}", $"/Teams/Pipeline/{team}/List?handler=Csv" })
                Assert.That((await user.Browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{user.Role} {url}");
        }
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Teams/Pipeline/Add/{team}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_recruit WHERE id = @r AND stage = 'prospect'", new { r = recruit.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_leader_of_another_team_cannot_move_this_teams_recruits_by_posting()
    {
        var team = await LeeTeamAsync();
        var recruit = await World.AddRecruitAsync(team, await World.AddPersonAsync("Kai Prospect"));
        var ownBoard = await World.OtherLeader.Browser.GetPageAsync($"/Teams/Pipeline/{World.TeamB}");
        var token = ownBoard.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await World.OtherLeader.Browser.GetPageAsync($"/Teams/Edit/{World.TeamB}")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var teamId in new[] { team, World.TeamB })
        {
            var post = await World.OtherLeader.Browser.PostAsync($"/Teams/Pipeline/{teamId}?handler=Move",
                [new("RecruitId", recruit.ToString()), new("Stage", "leader"), new("__RequestVerificationToken", token)]);
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), teamId.ToString());
        }
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_recruit_stage WHERE recruit_id = @r", new { r = recruit.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_list_searches_filters_and_exports_csv()
    {
        var team = await LeeTeamAsync();
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Lena Listed"), "one-to-one");
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Mo Listed"), "active");
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Nia Other"));
        var browser = World.Volunteer.Browser;

        var all = await browser.GetPageAsync($"/Teams/Pipeline/{team}/List");
        Assert.That(all.Texts("#recruits tbody td:first-child"), Is.EqualTo(new[] { "Lena Listed", "Mo Listed", "Nia Other" }));
        Assert.That(all.Texts("#recruits tbody td:nth-child(2)"), Is.EqualTo(new[] { "One-to-one held", "Active", "Prospect" }));

        var search = await browser.GetPageAsync($"/Teams/Pipeline/{team}/List?q=listed&stage=active");
        Assert.That(search.Texts("#recruits tbody td:first-child"), Is.EqualTo(new[] { "Mo Listed" }));
        var none = await browser.GetPageAsync($"/Teams/Pipeline/{team}/List?q=nobody");
        Assert.That(none.Body, Does.Contain("Nobody in the pipeline matches these filters"));

        var csv = await browser.GetAsync($"/Teams/Pipeline/{team}/List?q=listed&handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var today = World.Clock.GetUtcNow().ToString("yyyy-MM-dd");
        var lines = csv.Body.TrimStart('\uFEFF').Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines, Is.EqualTo(new[] { "Name,Stage,Since", $"Lena Listed,One-to-one held,{today}", $"Mo Listed,Active,{today}" }));
    }

    [Test]
    public async Task The_team_page_links_to_the_pipeline_with_its_counts()
    {
        var team = await LeeTeamAsync();
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Omar Counted"), "trained");
        var page = await World.Volunteer.Browser.GetPageAsync($"/Teams/Details/{team}");
        Assert.That(page.Texts("#pipeline-counts tbody td"), Is.EqualTo(new[] { "0", "0", "0", "1", "0", "0" }));
        Assert.That(page.Document.QuerySelector($"a[href='/Teams/Pipeline/{team}']"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector($"a[href='/Teams/Pipeline/Add/{team}']"), Is.Null, "volunteers do not add to the pipeline");
    }
}
