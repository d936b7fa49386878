using System.Net;
using Organising.Platform.Identity;
using static Organising.Teams.Tests.Support.TeamsCoreSeeds;

namespace Organising.Teams.Tests.TeamPages;

/// <summary>The team pages through HTTP: forms, messages, redirects, CSV, and who may open what by URL.</summary>
public sealed class TeamPagesTests : WorldFixture
{
    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('?')[0].Split('/').Last());

    [Test]
    public async Task An_organiser_creates_a_team_through_the_form_and_lands_on_its_page()
    {
        var name = Unique("Somali mothers' team");
        var created = await World.Organiser.Browser.SubmitAsync("/Teams/Create", new()
        {
            ["Input.Name"] = name, ["Input.Purpose"] = "Maternity care that listens.", ["Input.NetworkId"] = World.NetworkB.ToString(), ["Input.Status"] = "forming",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Errors);
        Assert.That(created.LocationPath, Does.StartWith("/Teams/Details/"));

        var page = await World.Organiser.Browser.GetPageAsync(created.Location!);
        Assert.That(page.Text("main h1"), Is.EqualTo(name));
        Assert.That(page.Text("#team-network"), Is.EqualTo("Diabetes pathway"));
        Assert.That(page.Text("#team-status"), Is.EqualTo("Forming"));
        Assert.That(page.Body, Does.Contain("Maternity care that listens."));
        Assert.That(page.Text("#no-members"), Does.Contain("Nobody is in this team yet"));
        Assert.That(page.Text("#ladders-heading + p"), Does.StartWith("Once the team has members, this shows where each of them stands"));
        Assert.That(await World.AuditCountAsync("teams.team-created", IdFrom(created.Location)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_form_puts_messages_beside_empty_duplicate_and_unknown_values()
    {
        var browser = World.Organiser.Browser;
        var empty = await browser.SubmitAsync("/Teams/Create", new() { ["Input.Name"] = "" });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(empty.FieldError("Input.Name"), Is.EqualTo("Enter the team's name."));

        var duplicate = await browser.SubmitAsync("/Teams/Create", new() { ["Input.Name"] = "diabetes champions" });
        Assert.That(duplicate.FieldError("Input.Name"), Is.EqualTo("There is already a team called “diabetes champions”. Choose another name."));

        var network = await browser.SubmitAsync("/Teams/Create", new() { ["Input.Name"] = Unique("Lost"), ["Input.NetworkId"] = Guid.NewGuid().ToString() });
        Assert.That(network.FieldError("Input.NetworkId"), Does.Contain("Choose a network from the list"));

        var garbage = await browser.SubmitAsync("/Teams/Create", new() { ["Input.Name"] = Unique("Odd"), ["Input.NetworkId"] = "not-a-guid", ["Input.Status"] = "dormant" });
        Assert.That(garbage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(garbage.FieldError("Input.NetworkId"), Is.Not.Null);
    }

    [Test]
    public async Task A_leader_edits_their_own_team_but_not_another_by_url()
    {
        var team = await World.AddTeamAsync(Unique("Lee's second team"), World.NetworkA);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Leader), "organiser", leads: true);
        var browser = World.Leader.Browser;

        var saved = await browser.SubmitAsync($"/Teams/Edit/{team}", new() { ["Input.Status"] = "paused", ["Input.Purpose"] = "Paused for the summer." });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That((await browser.GetPageAsync($"/Teams/Details/{team}")).Text("#team-status"), Is.EqualTo("Paused"));

        foreach (var url in new[]
                 {
                     $"/Teams/Details/{World.TeamB}", $"/Teams/Edit/{World.TeamB}", $"/Teams/Members/Add/{World.TeamB}",
                     $"/Teams/Members/Remove/{World.TeamB}/{World.PersonOfUser(World.OtherVolunteer)}", $"/Teams/Edit/{Guid.NewGuid()}", "/Teams/Details/not-a-guid",
                 })
        {
            Assert.That((await browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        // A form posted straight at team B's addresses changes nothing.
        var page = await browser.GetPageAsync($"/Teams/Edit/{team}");
        var fields = Organising.Testing.PageResponse.FieldsOf(page.Form()).Where(f => f.Key != "Input.Name").Append(new("Input.Name", "Hijacked")).ToList();
        Assert.That((await browser.PostAsync($"/Teams/Edit/{World.TeamB}", fields)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var token = fields.Single(f => f.Key == "__RequestVerificationToken");
        var remove = await browser.PostAsync($"/Teams/Members/Remove/{World.TeamB}/{World.PersonOfUser(World.OtherVolunteer)}", [token]);
        Assert.That(remove.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE team_id = @t", new { t = World.TeamB.ToString() }), Is.EqualTo(2));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_team WHERE name = 'Hijacked'"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_volunteer_sees_their_team_read_only_and_may_not_edit_it()
    {
        var browser = World.Volunteer.Browser;
        var page = await browser.GetPageAsync($"/Teams/Details/{World.TeamA}");
        Assert.That(page.Texts("#members tbody td:first-child"), Does.Contain("Lee Leader").And.Contain("Val Volunteer"));
        Assert.That(page.Document.QuerySelectorAll("main form[method=post]"), Is.Empty);
        Assert.That(page.Body, Does.Not.Contain("/Teams/Edit/"));

        var edit = await browser.GetAsync($"/Teams/Edit/{World.TeamA}");
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(edit.LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await browser.GetAsync("/Teams/Create")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await browser.GetAsync($"/Teams/Details/{World.TeamB}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var list = await browser.GetPageAsync("/Teams");
        Assert.That(list.Texts("#teams tbody td:first-child"), Is.EqualTo(new[] { "Northfield health team" }));
    }

    [Test]
    public async Task An_observer_sees_the_list_with_numbers_and_no_names()
    {
        var browser = World.Observer.Browser;
        var list = await browser.GetPageAsync("/Teams");
        Assert.That(list.Texts("#teams tbody td:first-child"), Does.Contain("Northfield health team").And.Contain("Diabetes champions"));
        Assert.That(list.Document.QuerySelectorAll("#teams a[href^='/Teams/Details/']"), Is.Empty);
        Assert.That(list.Body, Does.Not.Contain("Lee Leader").And.Not.Contain("Val Volunteer"));
        Assert.That(list.Text("a[href='/Teams/Create']"), Is.Null);

        Assert.That((await browser.GetAsync($"/Teams/Details/{World.TeamA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.GetAsync($"/Teams/Pipeline/{World.TeamA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await browser.GetAsync($"/Teams/Edit/{World.TeamA}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [Test]
    public async Task Members_are_added_by_search_given_roles_and_removed_after_confirmation()
    {
        var team = await World.AddTeamAsync(Unique("Membership team"), World.NetworkA);
        var zara = await World.AddPersonAsync($"Zara {Guid.NewGuid():N}"[..14], World.NetworkA);
        var browser = World.Organiser.Browser;

        var before = await browser.GetPageAsync($"/Teams/Members/Add/{team}");
        Assert.That(before.Document.QuerySelectorAll("form.add-member"), Is.Empty);
        var zaraName = (await World.SendAsAsync(World.Organiser, new Organising.Networks.Contracts.GetPeopleByIds([zara]))).Single().DisplayName;
        var found = await browser.GetPageAsync($"/Teams/Members/Add/{team}?q={Uri.EscapeDataString(zaraName)}");
        Assert.That(found.Texts("#matches tbody td:first-child"), Is.EqualTo(new[] { zaraName }));

        var added = await found.SubmitAsync(browser, new() { ["Role"] = "clinical-lead", ["Leads"] = "true" }, "form.add-member");
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), added.Errors);
        var twice = await found.SubmitAsync(browser, new() { ["Role"] = "volunteer" }, "form.add-member");
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(twice.FormError, Does.Contain($"{zaraName} is already a member of this team."));
        var badRole = await found.SubmitAsync(browser, new() { ["Role"] = "captain" }, "form.add-member");
        Assert.That(badRole.FormError, Does.Contain("Choose one of the team roles in the list."));
        var page = await browser.GetPageAsync($"/Teams/Details/{team}");
        var row = page.Document.QuerySelectorAll("#members tbody tr").Single();
        Assert.That(row.Children[0].TextContent.Trim(), Is.EqualTo(zaraName));
        Assert.That(row.Children[1].TextContent.Trim(), Is.EqualTo("Clinical lead"));
        Assert.That(row.Children[2].TextContent.Trim(), Is.EqualTo("Leads"));

        var again = await browser.GetPageAsync($"/Teams/Members/Add/{team}?q={Uri.EscapeDataString(zaraName)}");
        Assert.That(again.Body, Does.Contain("Already a member"));

        var changed = await page.SubmitAsync(browser, new() { ["Role"] = "volunteer", ["Leads"] = "false" }, "#members form");
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), changed.Errors);
        row = (await browser.GetPageAsync($"/Teams/Details/{team}")).Document.QuerySelectorAll("#members tbody tr").Single();
        Assert.That(row.Children[1].TextContent.Trim(), Is.EqualTo("Volunteer"));
        Assert.That(row.Children[2].TextContent.Trim(), Is.Empty);

        var confirm = await browser.GetPageAsync($"/Teams/Members/Remove/{team}/{zara}");
        Assert.That(confirm.Text("main h1"), Does.Contain(zaraName));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE team_id = @t", new { t = team.ToString() }), Is.EqualTo(1), "nothing removed before confirming");
        var removed = await confirm.SubmitAsync(browser);
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_member WHERE team_id = @t", new { t = team.ToString() }), Is.EqualTo(0));
        Assert.That(await World.AuditCountAsync("teams.member-removed", team), Is.EqualTo(1));
    }

    [Test]
    public async Task The_list_searches_filters_and_exports_csv_with_counts()
    {
        var name = Unique("Exported team");
        var team = await World.AddTeamAsync(name, World.NetworkA, "closed");
        await World.AddMemberAsync(team, await World.AddPersonAsync("Exported Member"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Exported Recruit"), "one-to-one");
        var browser = World.Organiser.Browser;

        var found = await browser.GetPageAsync($"/Teams?q={Uri.EscapeDataString(name.ToUpperInvariant())}");
        Assert.That(found.Texts("#teams tbody td:first-child"), Is.EqualTo(new[] { name }));
        var none = await browser.GetPageAsync($"/Teams?q={Uri.EscapeDataString(name)}&status=active");
        Assert.That(none.Body, Does.Contain("No team matches these filters"));
        var badStatus = await browser.GetPageAsync("/Teams?status=asleep");
        Assert.That(badStatus.Body, Does.Contain("The status filter could not be read"));

        var csv = await browser.GetAsync($"/Teams?q={Uri.EscapeDataString(name)}&handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var lines = csv.Body.TrimStart('\uFEFF').Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines[0], Is.EqualTo("Team,Status,Network,Members,Prospect,Contacted,One-to-one held,Trained,Active,Leader"));
        Assert.That(lines.Skip(1), Is.EqualTo(new[] { $"{name},Closed,Northfield estate,1,0,0,1,0,0,0" }));

        var volunteerCsv = await World.Volunteer.Browser.GetAsync("/Teams?handler=Csv");
        Assert.That(volunteerCsv.Body, Does.Contain("Northfield health team").And.Not.Contain("Diabetes champions").And.Not.Contain(name));
    }
}

/// <summary>A world of its own, so the first run (no team at all) and paging over many teams can be seen.</summary>
public sealed class TeamListFirstRunTests : WorldFixture
{
    [Test]
    public async Task The_empty_list_invites_organisers_to_create_the_first_team_then_pages_through_many()
    {
        await using (var db = World.App.OpenDatabase())
            await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM teams_team");

        var organiser = await World.Organiser.Browser.GetPageAsync("/Teams");
        Assert.That(organiser.Text("#no-teams"), Does.Contain("No teams yet"));
        Assert.That(organiser.Document.QuerySelector("#no-teams a[href='/Teams/Create']")?.TextContent, Is.EqualTo("Create the first team"));
        var volunteer = await World.Volunteer.Browser.GetPageAsync("/Teams");
        Assert.That(volunteer.Text("#no-teams"), Does.Contain("ask yours to add you"));
        Assert.That(volunteer.Document.QuerySelector("a[href='/Teams/Create']"), Is.Null);

        for (var i = 1; i <= 55; i++) await World.AddTeamAsync($"Team {i:000}");
        var first = await World.Organiser.Browser.GetPageAsync("/Teams");
        Assert.That(first.Document.QuerySelectorAll("#teams tbody tr").Length, Is.EqualTo(50));
        Assert.That(first.Text("#teams caption"), Does.StartWith("1–50 of 55"));
        var second = await World.Organiser.Browser.GetPageAsync("/Teams?page=2");
        Assert.That(second.Texts("#teams tbody td:first-child"), Is.EqualTo(Enumerable.Range(51, 5).Select(i => $"Team {i:000}")));
    }
}
