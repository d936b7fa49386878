using System.Net;

namespace Organising.Listening.Tests.Workbench;

/// <summary>The workbench and candidate pages through HTTP: forms, messages, redirects, and who may open what by URL.</summary>
public sealed class WorkbenchPagesTests : WorkbenchFixture
{
    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('?')[0].Split('#')[0].Split('/').Last());

    [Test]
    public async Task A_new_campaigns_workbench_explains_issue_cutting()
    {
        var campaign = await World.AddCampaignAsync(Unique("Quiet campaign"), World.TeamA, [World.NetworkA]);
        var page = await World.Leader.Browser.GetPageAsync($"/Listening/Workbench/{campaign}");
        Assert.That(page.Text("main h1"), Is.EqualTo("Issue-cutting workbench"));
        Assert.That(page.Text("#no-candidates"), Does.Contain("A problem is broad").And.Contain("An issue is a specific, winnable piece of it"));
        Assert.That(page.Text("#no-raised"), Does.Contain("Nothing has been heard in this campaign yet"));
    }

    [Test]
    public async Task A_leader_finds_rows_starts_a_candidate_from_them_and_adds_more_later()
    {
        var heard = await World.HearAsync();
        var browser = World.Leader.Browser;
        var url = $"/Listening/Workbench/{World.CampaignA}";

        var found = await browser.GetPageAsync($"{url}?q={heard.Marker}");
        Assert.That(found.Texts("#raised tbody tr td:nth-child(2)"), Has.Count.EqualTo(4));
        var byTheme = await browser.GetPageAsync($"{url}?q={heard.Marker}&theme={World.Themes["Work and money"]}");
        Assert.That(byTheme.Texts("#raised tbody tr td:nth-child(2)"), Is.EqualTo(new[] { $"Surgery closed on Saturdays {heard.Marker}" }));
        var none = await browser.GetPageAsync($"{url}?q=nothing-like-this-{heard.Marker}");
        Assert.That(none.Text("#no-matches"), Does.Contain("No issue raised matches"));
        var csv = await browser.GetAsync($"{url}?q={heard.Marker}&handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain($"Damp flat {heard.Marker}").And.Not.Contain("STORY"));

        var nothingTicked = await found.SubmitAsync(browser, formSelector: "#finder-form", handler: "Start");
        Assert.That(nothingTicked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(nothingTicked.FormError, Does.Contain("Tick the issues raised"));

        var start = await found.SubmitAsync(browser, formSelector: "#finder-form", handler: "Start",
            extra: [new("RaisedIds", heard.Raised1.ToString()), new("RaisedIds", heard.Raised2.ToString())]);
        Assert.That(start.LocationPath, Is.EqualTo("/Listening/Candidates/Create"), start.Errors);
        var create = await browser.GetPageAsync(start.Location!);
        Assert.That(create.Texts("#chosen-raised li"), Is.EquivalentTo(new[] { $"Can't get a GP appointment {heard.Marker}", $"Phone line always engaged {heard.Marker}" }));

        var empty = await create.SubmitAsync(browser, new() { ["Input.Title"] = "" });
        Assert.That(empty.FieldError("Input.Title"), Is.EqualTo("Enter the issue, in a few words."));
        Assert.That(empty.Texts("#chosen-raised li"), Has.Count.EqualTo(2), "the chosen rows are kept");

        var title = Unique("A Saturday walk-in hour");
        var created = await empty.SubmitAsync(browser, new() { ["Input.Title"] = title, ["Input.Problem"] = "Nobody can get in." });
        Assert.That(created.LocationPath, Does.StartWith("/Listening/Candidates/Details/"), created.Errors);
        var candidate = IdFrom(created.Location);
        var details = await browser.GetPageAsync(created.Location!);
        Assert.That(details.Text("main h1"), Is.EqualTo(title));
        Assert.That(details.Text("#lineage"), Is.EqualTo("Rests on 2 stories from 1 conversation with 8 people in 1 network."));
        Assert.That(details.Text("#candidate-themes"), Is.EqualTo("Access and waiting, Communication and interpreting"));
        Assert.That(details.Texts("#stories li .consent"), Is.EquivalentTo(new[] { "May be shared publicly", "Within the alliance only" }));
        Assert.That(details.Text($"#story-{heard.PublicStory}"), Does.Contain("told by Vic Volunteer"));

        // More rows from the finder, into the existing candidate.
        var workbench = await browser.GetPageAsync($"{url}?q={heard.Marker}");
        Assert.That(workbench.Text("#candidates"), Does.Contain(title));
        var added = await workbench.SubmitAsync(browser, new() { ["CandidateId"] = candidate.ToString() }, "#finder-form", "Add",
            [new("RaisedIds", heard.Raised3.ToString())]);
        Assert.That(added.Location, Is.EqualTo($"/Listening/Candidates/Details/{candidate}"), added.Errors);
        Assert.That((await browser.GetPageAsync(added.Location!)).Text("#lineage"), Is.EqualTo("Rests on 3 stories from 2 conversations with 11 people in 2 networks."));

        // A row of campaign B, posted straight at the form, is refused and nothing is linked.
        var rowB = await World.AddRaisedAsync(await World.AddEventAsync(World.CampaignB), "Letters arrive late", "Communication and interpreting");
        var refused = await workbench.SubmitAsync(browser, new() { ["CandidateId"] = candidate.ToString() }, "#finder-form", "Add", [new("RaisedIds", rowB.ToString())]);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.FormError, Does.Contain("Only issues raised in this candidate's own campaign"));
        Assert.That(await World.LinkCountAsync(candidate), Is.EqualTo(3));

        // Taking one off again.
        var detailsPage = await browser.GetPageAsync($"/Listening/Candidates/Details/{candidate}");
        var unlink = await detailsPage.SubmitAsync(browser, formSelector: $"#unlink-{heard.Raised3}");
        Assert.That(unlink.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), unlink.Errors);
        Assert.That(await World.LinkCountAsync(candidate), Is.EqualTo(2));
    }

    [Test]
    public async Task A_score_outside_1_to_5_is_refused_beside_its_field_and_nothing_typed_is_lost()
    {
        var candidate = await World.AddCandidateAsync(World.CampaignA, Unique("Interpreters on the ward"), []);
        var browser = World.Leader.Browser;
        var url = $"/Listening/Candidates/Details/{candidate}";
        var page = await browser.GetPageAsync(url);
        Assert.That(page.Document.QuerySelectorAll("#scores-form input[name$='.Score']"), Has.Length.EqualTo(7));

        var refused = await page.SubmitAsync(browser, new()
        {
            ["Scoring.Criteria[0].Score"] = "4", ["Scoring.Criteria[0].Note"] = "One ward first.", ["Scoring.Criteria[1].Score"] = "6",
            ["Scoring.Criteria[2].Score"] = "lots",
        }, "#scores-form");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.Text("#Scoring_Criteria_1__Score-error"), Does.StartWith("Score “Winnable” with a whole number from 1 (not at all) to 5 (fully)"));
        Assert.That(refused.Text("#Scoring_Criteria_2__Score-error"), Does.Contain("“lots” is not one"));
        Assert.That(refused.Text("#Scoring_Criteria_0__Score-error"), Is.Null);
        Assert.That(refused.Document.QuerySelector("#Scoring_Criteria_0__Score")!.GetAttribute("value"), Is.EqualTo("4"));
        Assert.That(refused.Document.QuerySelector("#Scoring_Criteria_1__Score")!.GetAttribute("value"), Is.EqualTo("6"));
        Assert.That(refused.Document.QuerySelector("#Scoring_Criteria_0__Note")!.GetAttribute("value"), Is.EqualTo("One ward first."));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_candidate_score WHERE candidate_id = @id", new { id = candidate.ToString() }), Is.EqualTo(0));

        var saved = await refused.SubmitAsync(browser, new() { ["Scoring.Criteria[1].Score"] = "5", ["Scoring.Criteria[2].Score"] = "3" }, "#scores-form");
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var after = await browser.GetPageAsync(url);
        Assert.That(after.Text("#total-score"), Is.EqualTo("12 of 35"));
        Assert.That(after.Document.QuerySelector("#Scoring_Criteria_0__Note")!.GetAttribute("value"), Is.EqualTo("One ward first."));
    }

    [Test]
    public async Task Votes_and_prioritising_through_the_candidate_page()
    {
        var heard = await World.HearAsync();
        var candidate = await World.AddCandidateAsync(World.CampaignA, Unique("Evening surgery"), heard.Access);
        var mosque = await World.AddInstitutionAsync(Unique("Mosque"));
        var browser = World.Leader.Browser;
        var url = $"/Listening/Candidates/Details/{candidate}";

        var bad = await browser.SubmitAsync(url, new() { ["Vote.Voter"] = $"institution:{mosque}", ["Vote.Points"] = "12" }, "#vote-form");
        Assert.That(bad.FieldError("Vote.Points"), Is.EqualTo("Points are a whole number from 0 to 10: “12” is not one."));
        var noVoter = await browser.SubmitAsync(url, new() { ["Vote.Voter"] = "", ["Vote.Points"] = "3" }, "#vote-form");
        Assert.That(noVoter.FieldError("Vote.Voter"), Is.EqualTo("Choose the member institution or team that voted."));

        Assert.That((await browser.SubmitAsync(url, new() { ["Vote.Voter"] = $"institution:{mosque}", ["Vote.Points"] = "6" }, "#vote-form")).StatusCode,
            Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.SubmitAsync(url, new() { ["Vote.Voter"] = $"team:{World.TeamA}", ["Vote.Points"] = "4" }, "#vote-form")).StatusCode,
            Is.EqualTo(HttpStatusCode.Redirect));
        var page = await browser.GetPageAsync(url);
        Assert.That(page.Text("#total-points"), Is.EqualTo("10"));
        Assert.That(page.Texts("#votes tbody tr"), Has.Count.EqualTo(2));

        var prioritised = await page.SubmitAsync(browser, formSelector: "#status-form-prioritised");
        Assert.That(prioritised.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), prioritised.Errors);
        Assert.That(await World.StatusOfAsync(candidate), Is.EqualTo("prioritised"));
        var told = Recorder.Prioritised(candidate).Single();
        Assert.That((told.StoryCount, told.PeopleCount), Is.EqualTo((3, 11)));

        var delete = await browser.GetPageAsync($"/Listening/Candidates/Delete/{candidate}");
        Assert.That(delete.Text("#on-agenda-warning"), Does.Contain("takes it off"));
        var deleted = await delete.SubmitAsync(browser);
        Assert.That(deleted.Location, Is.EqualTo($"/Listening/Workbench/{World.CampaignA}"));
        Assert.That(Recorder.Deprioritised(candidate), Has.Count.EqualTo(1));
        Assert.That(await World.AuditCountAsync("listening.candidate-deleted", candidate), Is.EqualTo(1));
    }

    [Test]
    public async Task The_candidate_issues_download_as_a_csv_with_their_scores_and_votes()
    {
        var heard = await World.HearAsync();
        var title = Unique("Interpreters booked for every antenatal visit");
        await World.AddCandidateAsync(World.CampaignA, title, heard.Access);
        var page = await World.Leader.Browser.GetPageAsync($"/Listening/Workbench/{World.CampaignA}");
        Assert.That(page.Document.QuerySelector("#candidates-csv")?.GetAttribute("href"), Is.EqualTo($"/Listening/Workbench/{World.CampaignA}?handler=CandidatesCsv"));

        var csv = await World.Leader.Browser.GetAsync($"/Listening/Workbench/{World.CampaignA}?handler=CandidatesCsv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var lines = csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Does.StartWith("Candidate issue,Status,Score,Criteria scored,Votes,Points,Issues raised,Stories"));
        Assert.That(lines, Has.Some.StartsWith($"{title},Candidate,0,0,0,0,{heard.Access.Count},"));
    }

    [Test]
    public async Task A_leader_of_team_A_cannot_open_campaign_Bs_workbench_or_candidates_by_url()
    {
        var rowB = await World.AddRaisedAsync(await World.AddEventAsync(World.CampaignB), "Foot checks missed", "Long-term conditions");
        var candidateB = await World.AddCandidateAsync(World.CampaignB, Unique("Foot checks"), [rowB]);
        var browser = World.Leader.Browser;
        foreach (var url in new[]
                 {
                     $"/Listening/Workbench/{World.CampaignB}", $"/Listening/Workbench/{World.CampaignB}?handler=Csv",
                     $"/Listening/Workbench/{World.CampaignB}?handler=CandidatesCsv", $"/Listening/Candidates/Create?campaign={World.CampaignB}",
                     $"/Listening/Candidates/Details/{candidateB}", $"/Listening/Candidates/Edit/{candidateB}", $"/Listening/Candidates/Delete/{candidateB}",
                     $"/Listening/Workbench/{Guid.NewGuid()}", $"/Listening/Candidates/Details/{Guid.NewGuid()}",
                 })
        {
            Assert.That((await browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        // Forms posted straight at B's addresses change nothing.
        var own = await World.AddCandidateAsync(World.CampaignA, Unique("Own"), []);
        var token = PageResponse.FieldsOf((await browser.GetPageAsync($"/Listening/Candidates/Edit/{own}")).Form())
            .Single(f => f.Key == "__RequestVerificationToken");
        Assert.That((await browser.PostAsync($"/Listening/Candidates/Edit/{candidateB}", [token, new("Input.Title", "Hijacked")])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.PostAsync($"/Listening/Candidates/Delete/{candidateB}", [token])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.PostAsync($"/Listening/Candidates/Details/{candidateB}?handler=Status", [token, new("status", "prioritised")])).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.PostAsync($"/Listening/Candidates/Details/{candidateB}?handler=Scores",
            [token, new("Scoring.Criteria[0].Criterion", "specific"), new("Scoring.Criteria[0].Score", "5")])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.PostAsync($"/Listening/Candidates/Create",
            [token, new("Input.CampaignId", World.CampaignB.ToString()), new("Input.Title", "Hijacked")])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_candidate WHERE title = 'Hijacked'"), Is.EqualTo(0));
        Assert.That(await World.StatusOfAsync(candidateB), Is.EqualTo("candidate"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_candidate_score WHERE candidate_id = @id", new { id = candidateB.ToString() }), Is.EqualTo(0));

        // Its own Leader and Organisers may.
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Listening/Candidates/Details/{candidateB}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Listening/Workbench/{World.CampaignB}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Volunteers_and_observers_are_denied_the_workbench()
    {
        var candidate = await World.AddCandidateAsync(World.CampaignA, Unique("Denied"), []);
        foreach (var user in new[] { World.Volunteer, World.Observer })
            foreach (var url in new[]
                     {
                         $"/Listening/Workbench/{World.CampaignA}", $"/Listening/Candidates/Create?campaign={World.CampaignA}",
                         $"/Listening/Candidates/Details/{candidate}", $"/Listening/Candidates/Edit/{candidate}", $"/Listening/Candidates/Delete/{candidate}",
                     })
            {
                Assert.That((await user.Browser.GetAsync(url)).LocationPath, Is.EqualTo("/Account/AccessDenied"), $"{user.Role} {url}");
            }
    }
}
