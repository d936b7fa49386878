using System.Net;
using System.Text;
using static Organising.Listening.Tests.Campaigns.CampaignTestSupport;

namespace Organising.Listening.Tests.Campaigns;

/// <summary>The campaign pages through HTTP: forms and their messages, the hub's links per role, the CSV, and who may open what by URL.</summary>
public sealed class CampaignPagesTests : WorldFixture
{
    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('?')[0].Split('/').Last());

    [Test]
    public async Task An_organiser_starts_a_campaign_from_the_defaults_and_lands_on_its_hub()
    {
        var browser = World.Organiser.Browser;
        var form = await browser.GetPageAsync("/Listening/Campaigns/Create");
        Assert.That(form.Document.QuerySelector("#Input_Status option[selected]")?.GetAttribute("value"), Is.EqualTo("active"));
        Assert.That(form.Document.QuerySelector("#Input_StartsOn")?.GetAttribute("value"), Is.EqualTo(World.Date()));
        Assert.That(form.Document.QuerySelector("#Input_StartsOn")?.GetAttribute("type"), Is.EqualTo("date"));
        Assert.That(form.Document.QuerySelector("#Input_EndsOn")?.GetAttribute("value"), Is.EqualTo(World.Day().AddMonths(3).ToString("yyyy-MM-dd")));
        Assert.That(form.Document.QuerySelector("#Input_TargetConversations")?.GetAttribute("value"), Is.EqualTo("100"));
        Assert.That(form.Texts("#Input_TeamId option"), Does.Contain("Northfield health team").And.Contain("Diabetes champions"));

        var name = Unique("Maternity voices");
        var created = await form.SubmitAsync(browser, new()
        {
            ["Input.Name"] = name, ["Input.Purpose"] = "Hear from new mothers.", ["Input.TeamId"] = World.TeamB.ToString(),
        }, extra: [new("Input.NetworkIds", World.NetworkB.ToString())]);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Errors);
        Assert.That(created.LocationPath, Does.StartWith("/Listening/Campaigns/Details/"));

        var hub = await browser.GetPageAsync(created.Location!);
        Assert.That(hub.Text("main h1"), Is.EqualTo(name));
        Assert.That(hub.Text("#campaign-team"), Is.EqualTo("Diabetes champions"));
        Assert.That(hub.Text("#campaign-networks"), Is.EqualTo("Diabetes pathway"));
        Assert.That(hub.Text("#campaign-status"), Is.EqualTo("Active"));
        Assert.That(hub.Text("#campaign-progress-text"), Is.EqualTo("0 of 100 conversations recorded (0%)."));
        Assert.That(hub.Text("#no-events"), Does.Contain("No events are recorded yet"));
        Assert.That(await World.AuditCountAsync("listening.campaign-created", IdFrom(created.Location)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_leaders_form_offers_only_their_team_with_its_network_ticked()
    {
        var form = await World.Leader.Browser.GetPageAsync("/Listening/Campaigns/Create");
        Assert.That(form.Texts("#Input_TeamId option"), Is.EqualTo(new[] { "Northfield health team" }));
        Assert.That(form.Document.QuerySelector($"#network-{World.NetworkA}")?.HasAttribute("checked"), Is.True);
        Assert.That(form.Document.QuerySelector($"#network-{World.NetworkB}")?.HasAttribute("checked"), Is.False);
    }

    [Test]
    public async Task The_form_puts_clear_messages_beside_the_fields()
    {
        var browser = World.Organiser.Browser;
        var duplicate = await browser.SubmitAsync("/Listening/Campaigns/Create", new() { ["Input.Name"] = "diabetes LISTENING", ["Input.TeamId"] = World.TeamB.ToString() },
            extra: [new("Input.NetworkIds", World.NetworkB.ToString())]);
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(duplicate.FieldError("Input.Name"), Is.EqualTo("There is already a listening campaign called “diabetes LISTENING”. Choose another name."));

        var backwards = await browser.SubmitAsync("/Listening/Campaigns/Create", new()
        {
            ["Input.Name"] = Unique("Backwards"), ["Input.TeamId"] = World.TeamB.ToString(), ["Input.StartsOn"] = World.Date(10), ["Input.EndsOn"] = World.Date(),
        }, extra: [new("Input.NetworkIds", World.NetworkB.ToString())]);
        Assert.That(backwards.FieldError("Input.EndsOn"), Is.EqualTo("The campaign cannot end before it starts: choose an end date on or after the start date."));
        Assert.That(backwards.Document.QuerySelector("#Input_StartsOn")?.GetAttribute("value"), Is.EqualTo(World.Date(10)), "what was typed stays");

        var nowhere = await browser.SubmitAsync("/Listening/Campaigns/Create", new() { ["Input.Name"] = Unique("Nowhere"), ["Input.TeamId"] = World.TeamB.ToString() });
        Assert.That(nowhere.FieldError("Input.NetworkIds"), Is.EqualTo("Tick at least one network the campaign listens in."));

        var noTeam = await browser.SubmitAsync("/Listening/Campaigns/Create", new() { ["Input.Name"] = Unique("No team"), ["Input.TeamId"] = "" },
            extra: [new("Input.NetworkIds", World.NetworkB.ToString())]);
        Assert.That(noTeam.FieldError("Input.TeamId"), Is.EqualTo("Choose the team running the campaign."));

        var target = await browser.SubmitAsync("/Listening/Campaigns/Create", new()
        {
            ["Input.Name"] = Unique("Target"), ["Input.TeamId"] = World.TeamB.ToString(), ["Input.TargetConversations"] = "-1",
        }, extra: [new("Input.NetworkIds", World.NetworkB.ToString())]);
        Assert.That(target.FieldError("Input.TargetConversations"), Is.EqualTo("Enter a target between 0 and 100,000 conversations."));
    }

    [Test]
    public async Task A_leader_posting_another_teams_id_is_refused()
    {
        var refused = await World.Leader.Browser.SubmitAsync("/Listening/Campaigns/Create", new()
        {
            ["Input.Name"] = Unique("Sneaky"), ["Input.TeamId"] = World.TeamB.ToString(),
        });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.FieldError("Input.TeamId"), Is.EqualTo("You can only run listening campaigns for the teams you lead: choose one of them."));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE name LIKE 'Sneaky%'"), Is.Zero);
    }

    [Test]
    public async Task A_leader_edits_their_teams_campaign_but_reaches_no_other_by_url()
    {
        var campaign = await World.AddCampaignAsync(Unique("Lee's edit"), World.TeamA, [World.NetworkA]);
        var browser = World.Leader.Browser;
        var edit = await browser.GetPageAsync($"/Listening/Campaigns/Edit/{campaign}");
        Assert.That(edit.Document.QuerySelector($"#network-{World.NetworkA}")?.HasAttribute("checked"), Is.True);
        Assert.That(edit.Document.QuerySelector("#Input_StartsOn")?.GetAttribute("value"), Is.EqualTo(World.Date(-30)));
        var saved = await edit.SubmitAsync(browser, new() { ["Input.Status"] = "closed", ["Input.TargetConversations"] = "12" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var hub = await browser.GetPageAsync($"/Listening/Campaigns/Details/{campaign}");
        Assert.That(hub.Text("#campaign-status"), Is.EqualTo("Closed"));
        Assert.That(hub.Text("#campaign-progress-text"), Is.EqualTo("0 of 12 conversations recorded (0%)."));

        foreach (var url in new[]
                 {
                     $"/Listening/Campaigns/Details/{World.CampaignB}", $"/Listening/Campaigns/Edit/{World.CampaignB}", $"/Listening/Campaigns/Delete/{World.CampaignB}",
                     $"/Listening/Campaigns/Edit/{Guid.NewGuid()}", $"/Listening/Campaigns/Details/{Guid.NewGuid()}", "/Listening/Campaigns/Details/not-a-guid",
                 })
        {
            Assert.That((await browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        // A form posted straight at campaign B's addresses changes nothing.
        var fields = Organising.Testing.PageResponse.FieldsOf(edit.Form()).Where(f => f.Key != "Input.Name").Append(new("Input.Name", "Hijacked")).ToList();
        Assert.That((await browser.PostAsync($"/Listening/Campaigns/Edit/{World.CampaignB}", fields)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var token = fields.Single(f => f.Key == "__RequestVerificationToken");
        Assert.That((await browser.PostAsync($"/Listening/Campaigns/Delete/{World.CampaignB}", [token])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE id = @id AND name = 'Diabetes listening'", new { id = World.CampaignB.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task Volunteers_and_observers_may_not_start_edit_or_delete()
    {
        foreach (var user in new[] { World.Volunteer, World.Observer })
        {
            foreach (var url in new[] { "/Listening/Campaigns/Create", $"/Listening/Campaigns/Edit/{World.CampaignA}", $"/Listening/Campaigns/Delete/{World.CampaignA}" })
            {
                var response = await user.Browser.GetAsync(url);
                Assert.That(response.LocationPath, Is.EqualTo("/Account/AccessDenied"), $"{user.Role} {url}");
            }
        }
        Assert.That((await World.OtherVolunteer.Browser.GetAsync($"/Listening/Campaigns/Details/{World.CampaignA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_list_is_scoped_per_team_and_an_observer_sees_every_campaign_without_edit_links()
    {
        var leader = await World.Leader.Browser.GetPageAsync("/Listening");
        var leaderNames = leader.Texts("#campaigns tbody td:first-child");
        Assert.That(leaderNames, Does.Contain("Northfield listening").And.Not.Contain("Diabetes listening"));
        Assert.That(leader.Document.QuerySelector($"#campaigns a[href='/Listening/Campaigns/Edit/{World.CampaignA}']"), Is.Not.Null);
        Assert.That(leader.Text("a[href='/Listening/Campaigns/Create']"), Is.EqualTo("Start a listening campaign"));

        var volunteer = await World.Volunteer.Browser.GetPageAsync("/Listening");
        Assert.That(volunteer.Texts("#campaigns tbody td:first-child"), Does.Contain("Northfield listening").And.Not.Contain("Diabetes listening"));
        Assert.That(volunteer.Document.QuerySelectorAll("#campaigns a[href^='/Listening/Campaigns/Edit/']"), Is.Empty);
        Assert.That(volunteer.Text("a[href='/Listening/Campaigns/Create']"), Is.Null);

        var observer = await World.Observer.Browser.GetPageAsync("/Listening");
        Assert.That(observer.Texts("#campaigns tbody td:first-child"), Does.Contain("Northfield listening").And.Contain("Diabetes listening"));
        Assert.That(observer.Document.QuerySelectorAll("a[href^='/Listening/Campaigns/Edit/']"), Is.Empty);
        Assert.That(observer.Text("a[href='/Listening/Campaigns/Create']"), Is.Null);
        var row = observer.Document.QuerySelectorAll("#campaigns tbody tr").Single(r => r.Children[0].TextContent.Trim() == "Diabetes listening");
        Assert.That(row.Children[1].TextContent.Trim(), Is.EqualTo("Diabetes champions"));
        Assert.That(row.Children[2].TextContent.Trim(), Is.EqualTo("Diabetes pathway"));
        Assert.That(row.Children[5].TextContent.Trim(), Is.EqualTo("Active"));
    }

    [Test]
    public async Task The_list_searches_filters_by_status_and_exports_csv()
    {
        var stem = Unique("Csv campaign");
        var campaign = await World.AddCampaignAsync($"{stem} one", World.TeamA, [World.NetworkA, World.NetworkB], target: 25, status: "planned");
        await World.AddCampaignAsync($"{stem} two", World.TeamA, [World.NetworkA], status: "closed");
        await World.AddEventAsync(campaign);
        World.App.OpenDatabase().Dispose();
        var browser = World.Organiser.Browser;

        var found = await browser.GetPageAsync($"/Listening?q={Uri.EscapeDataString(stem)}&status=planned");
        Assert.That(found.Texts("#campaigns tbody td:first-child"), Is.EqualTo(new[] { $"{stem} one" }));
        Assert.That(found.Texts("#campaigns tbody td")[4], Is.EqualTo("1 of 25"));
        var none = await browser.GetPageAsync($"/Listening?q={Uri.EscapeDataString(stem)}&status=active");
        Assert.That(none.Text("#no-matches"), Does.Contain("No campaign matches these filters"));
        var odd = await browser.GetPageAsync($"/Listening?q={Uri.EscapeDataString(stem)}&status=dormant");
        Assert.That(odd.Texts("#campaigns tbody td:first-child"), Has.Count.EqualTo(2));
        Assert.That(odd.Body, Does.Contain("The status filter could not be read and was ignored."));

        var csv = await browser.GetAsync(found.Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!);
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var lines = Encoding.UTF8.GetString(csv.RawBytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "Campaign,Team,Networks,Starts on,Ends on,Conversations recorded,Target,Status",
            $"{stem} one,Northfield health team,Diabetes pathway; Northfield estate,{World.Date(-30)},{World.Date(60)},1,25,Planned",
        }));

        var leaderCsv = Encoding.UTF8.GetString((await World.Leader.Browser.GetAsync("/Listening?handler=Csv")).RawBytes);
        Assert.That(leaderCsv, Does.Contain("Northfield listening").And.Not.Contain("Diabetes listening"));
    }

    [Test]
    public async Task The_hub_links_per_permission_and_lists_only_the_events_the_viewer_may_see()
    {
        var campaign = await World.AddCampaignAsync(Unique("Hub links"), World.TeamA, [World.NetworkA], target: 4);
        var mine = await World.AddEventAsync(campaign, type: "street-stall", headcount: 30, recordedBy: World.Volunteer.Id, place: "Market square");
        var theirs = await World.AddEventAsync(campaign, recordedBy: World.Leader.Id, heldAt: World.Clock.GetUtcNow().AddDays(-2));
        await World.AddRaisedAsync(mine, "Buses stop at six", "Access and waiting");
        World.App.OpenDatabase().Dispose();
        var url = $"/Listening/Campaigns/Details/{campaign}";
        string[] recordLinks = [$"/Listening/Events/Record?campaign={campaign}", $"/Listening/Events/Create?campaign={campaign}", $"/Listening/Events?campaign={campaign}",
            $"/Listening/Forms/ReportBack?campaign={campaign}", $"/Listening/Heard?campaign={campaign}"];
        string[] manageLinks = [$"/Listening/Workbench/{campaign}", $"/Listening/Campaigns/Edit/{campaign}", $"/Listening/Campaigns/Delete/{campaign}"];
        bool Has(PageResponse page, string href) => page.Document.QuerySelector($"main a[href='{href}']") is not null;

        var leader = await World.Leader.Browser.GetPageAsync(url);
        Assert.That(recordLinks.Concat(manageLinks).Append($"/Listening/Tallies/{campaign}").Where(l => !Has(leader, l)), Is.Empty);
        Assert.That(leader.Document.QuerySelectorAll("#recent-events tbody a").Select(a => a.GetAttribute("href")),
            Is.EqualTo(new[] { $"/Listening/Events/Details/{mine}", $"/Listening/Events/Details/{theirs}" }));
        Assert.That(leader.Document.QuerySelector("#campaign-progress")?.GetAttribute("value"), Is.EqualTo("50"));
        Assert.That(leader.Text("#campaign-progress-text"), Is.EqualTo("2 of 4 conversations recorded (50%)."));
        Assert.That(leader.Texts("#campaign-counts tbody td"), Is.EqualTo(new[] { "2", "1", "0", "0" }));

        var volunteer = await World.Volunteer.Browser.GetPageAsync(url);
        Assert.That(recordLinks.Where(l => !Has(volunteer, l)), Is.Empty);
        Assert.That(manageLinks.Where(l => Has(volunteer, l)), Is.Empty);
        var row = volunteer.Document.QuerySelectorAll("#recent-events tbody tr").Single();
        Assert.That(row.Children.Select(c => c.TextContent.Trim()).Where((_, i) => i != 1), Is.EqualTo(new[] { "Street stall", "Market square", "30" }));

        var observer = await World.Observer.Browser.GetPageAsync(url);
        Assert.That(Has(observer, $"/Listening/Tallies/{campaign}"), Is.True);
        Assert.That(recordLinks.Concat(manageLinks).Where(l => Has(observer, l)), Is.Empty);
        Assert.That(observer.Document.QuerySelector("#recent-events"), Is.Null);
        Assert.That(observer.Body, Does.Not.Contain("/Listening/Events/Details/"));
        Assert.That(observer.Text("#campaign-progress-text"), Is.EqualTo("2 of 4 conversations recorded (50%)."));
    }

    [Test]
    public async Task Delete_states_what_goes_and_refuses_while_an_issue_is_on_the_peoples_agenda()
    {
        var campaign = await World.AddCampaignAsync(Unique("Delete me"), World.TeamA, [World.NetworkA]);
        var meeting = await World.AddEventAsync(campaign);
        var raised = await World.AddRaisedAsync(meeting, "Damp", "Housing");
        await World.AddStoryAsync(meeting, "Mould in the baby's room", raisedId: raised);
        var candidate = await World.AddCandidateAsync(campaign, "Damp-free homes", [raised], status: "prioritised");
        World.App.OpenDatabase().Dispose();
        var browser = World.Leader.Browser;
        var url = $"/Listening/Campaigns/Delete/{campaign}";

        var blocked = await browser.GetPageAsync(url);
        Assert.That(blocked.Text("#on-the-agenda"), Does.Contain("take it off the people's agenda first"));
        Assert.That(blocked.Document.QuerySelector("main form button[type=submit]"), Is.Null);
        var token = Organising.Testing.PageResponse.FieldsOf(blocked.Form()).Single(f => f.Key == "__RequestVerificationToken");
        var forced = await browser.PostAsync(url, [token]);
        Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(forced.FormError, Does.Contain("take it off the people's agenda first"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE id = @id", new { id = campaign.ToString() }), Is.EqualTo(1));

        await using (var db = World.App.OpenDatabase())
            await Dapper.SqlMapper.ExecuteAsync(db, "UPDATE listening_candidate SET status = 'candidate' WHERE id = @id", new { id = candidate.ToString() });
        var confirm = await browser.GetPageAsync(url);
        Assert.That(confirm.Texts("#what-goes li").Select(t => t.Split(',')[0].Split(" (")[0]),
            Is.EqualTo(new[] { "1 event", "1 issue raised", "1 story", "1 candidate issue" }));
        var deleted = await confirm.SubmitAsync(browser);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), deleted.Errors);
        Assert.That(deleted.LocationPath, Is.EqualTo("/Listening"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE id = @id", new { id = campaign.ToString() }), Is.Zero);
        Assert.That((await browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

/// <summary>The list on first run, before anyone has started a campaign (its own world, with the seeded campaigns removed).</summary>
public sealed class CampaignFirstRunTests
{
    private ListeningWorld _world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _world = await ListeningWorld.StartAsync();
        await using var db = _world.App.OpenDatabase();
        await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM listening_campaign");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task An_organiser_is_told_what_a_campaign_is_and_offered_to_start_one()
    {
        var page = await _world.Organiser.Browser.GetPageAsync("/Listening");
        Assert.That(page.Text("#no-campaigns h2"), Is.EqualTo("No listening campaigns yet"));
        Assert.That(page.Text("#no-campaigns"), Does.Contain("A listening campaign is a stretch of time"));
        Assert.That(page.Text("#no-campaigns a[href='/Listening/Campaigns/Create']"), Is.EqualTo("Start a listening campaign"));
        Assert.That(page.Document.QuerySelector("a[href*='handler=Csv']"), Is.Null);
    }

    [Test]
    public async Task A_volunteer_is_told_who_starts_campaigns_and_gets_no_link_to_start_one()
    {
        var page = await _world.Volunteer.Browser.GetPageAsync("/Listening");
        Assert.That(page.Text("#no-campaigns"), Does.Contain("When an Organiser or your team's Leader starts a campaign"));
        Assert.That(page.Document.QuerySelector("a[href='/Listening/Campaigns/Create']"), Is.Null);
    }
}
