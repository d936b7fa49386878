using System.Net;
using System.Text;
using static Organising.Teams.Tests.OneToOnes.OneToOneTestKit;

namespace Organising.Teams.Tests.OneToOnes;

/// <summary>The one-to-one pages through HTTP: choosing the person, recording, reading, the list and its CSV, deleting, and who gets what by URL.</summary>
public sealed class OneToOnePagesTests : WorldFixture
{
    private const string LeadersStory = "Walks two miles to the nearest pharmacy";
    private Guid _met;
    private Guid _leadersOneToOne;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _met = await World.AddPersonAsync("Priya Raman", World.NetworkA);
        _leadersOneToOne = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Leader), _met, story: LeadersStory, recordedBy: World.Leader.Id);
    }

    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('/').Last());

    [Test]
    public async Task A_leader_finds_the_person_chooses_them_and_records_the_one_to_one()
    {
        var browser = World.Leader.Browser;
        var found = await browser.GetPageAsync("/Teams/OneToOnes/Create?q=priya");
        var choose = found.Document.QuerySelectorAll("#matches a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(choose, Does.Contain($"/Teams/OneToOnes/Create?personId={_met:D}"));

        var followUp = Today(World).AddDays(9);
        var response = await browser.SubmitAsync($"/Teams/OneToOnes/Create?personId={_met:D}", new()
        {
            ["Input.MetAt"] = Yesterday(World).ToString("yyyy-MM-dd'T'HH:mm"), ["Input.Place"] = "Library",
            ["Input.Story"] = "Cares for her father", ["Input.SelfInterest"] = "Shorter waits", ["Input.NextAsk"] = "Join the listening campaign",
            ["Input.FollowUpOn"] = Iso(followUp),
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.Errors);
        Assert.That(response.LocationPath, Does.StartWith("/Teams/OneToOnes/Details/"));
        var id = IdFrom(response.LocationPath);
        var details = await browser.FollowAsync(response);
        Assert.That(details.Text("h1"), Is.EqualTo("One-to-one with Priya Raman"));
        Assert.That(details.Text("#held-by"), Is.EqualTo("Lee Leader"));
        Assert.That(details.Text("#notes"), Does.Contain("Cares for her father").And.Contain("Join the listening campaign"));
        Assert.That(details.Body, Does.Contain("Northfield health team"), "the leader's only team was chosen for them");
        var reminder = (await World.RemindersAsync($"teams.one-to-one.{id:D}.")).Single();
        Assert.That((reminder.DueAt, reminder.Status), Is.EqualTo((NineAm(followUp), "pending")));
    }

    [Test]
    public async Task The_form_says_what_is_wrong_beside_each_field()
    {
        var browser = World.Leader.Browser;
        var noPerson = await browser.SubmitAsync("/Teams/OneToOnes/Create", new() { ["Input.Story"] = "Kept when the form comes back" });
        Assert.That(noPerson.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(noPerson.FieldError("Input.MetPersonId"), Is.EqualTo("Choose the person you met: search for them by name, then choose them."));
        Assert.That(noPerson.Body, Does.Contain("Kept when the form comes back"));

        var wrongDates = await browser.SubmitAsync($"/Teams/OneToOnes/Create?personId={_met:D}", new()
        {
            ["Input.MetAt"] = Today(World).AddDays(2).ToDateTime(new TimeOnly(10, 0)).ToString("yyyy-MM-dd'T'HH:mm"),
            ["Input.FollowUpOn"] = Iso(Today(World).AddDays(-3)),
        });
        Assert.That(wrongDates.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(wrongDates.FieldError("Input.MetAt"), Is.EqualTo("The meeting cannot be in the future: enter when it took place."));
        Assert.That(wrongDates.FieldError("Input.FollowUpOn"), Is.EqualTo("The follow-up date cannot be in the past: choose today or a later date, or leave it empty."));
        Assert.That(wrongDates.Text("main strong"), Is.EqualTo("Priya Raman"), "the chosen person stays chosen");
    }

    [Test]
    public async Task The_leader_of_another_team_gets_not_found_for_its_pages_by_url()
    {
        foreach (var url in new[] { $"/Teams/OneToOnes/Details/{_leadersOneToOne}", $"/Teams/OneToOnes/Edit/{_leadersOneToOne}", $"/Teams/OneToOnes/Delete/{_leadersOneToOne}" })
        {
            var page = await World.OtherLeader.Browser.GetAsync(url);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
            Assert.That(page.Body, Does.Not.Contain(LeadersStory));
        }
    }

    [Test]
    public async Task A_volunteer_in_the_team_sees_it_happened_but_not_the_notes_and_cannot_edit_it()
    {
        var details = await World.Volunteer.Browser.GetPageAsync($"/Teams/OneToOnes/Details/{_leadersOneToOne}");
        Assert.That(details.Text("h1"), Is.EqualTo("One-to-one with Priya Raman"));
        Assert.That(details.Body, Does.Not.Contain(LeadersStory));
        Assert.That(details.Text("#notes"), Does.Contain("can be read only by the person who held it"));
        Assert.That(details.Document.QuerySelector($"a[href='/Teams/OneToOnes/Edit/{_leadersOneToOne}']"), Is.Null);

        Assert.That((await World.Volunteer.Browser.GetAsync($"/Teams/OneToOnes/Edit/{_leadersOneToOne}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Teams/OneToOnes/Delete/{_leadersOneToOne}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_holder_and_an_organiser_read_the_notes()
    {
        foreach (var user in new[] { World.Leader, World.Organiser })
        {
            var details = await user.Browser.GetPageAsync($"/Teams/OneToOnes/Details/{_leadersOneToOne}");
            Assert.That(details.Text("#notes"), Does.Contain(LeadersStory), user.Role);
        }
    }

    [Test]
    public async Task An_observer_is_turned_away_from_every_one_to_one_page()
    {
        foreach (var url in new[] { "/Teams/OneToOnes", "/Teams/OneToOnes/Create", $"/Teams/OneToOnes/Details/{_leadersOneToOne}", "/Teams/OneToOnes?handler=Csv" })
        {
            var page = await World.Observer.Browser.GetAsync(url);
            Assert.That(page.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), url);
            Assert.That(page.Location, Does.StartWith("/Account/AccessDenied"), url);
        }
    }

    [Test]
    public async Task The_list_shows_the_teams_one_to_ones_and_the_csv_holds_only_notes_the_user_may_read()
    {
        var volunteersOwn = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Volunteer), _met, story: "My own notes", recordedBy: World.Volunteer.Id);

        var list = await World.Volunteer.Browser.GetPageAsync("/Teams/OneToOnes");
        var links = list.Document.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links, Does.Contain($"/Teams/OneToOnes/Details/{_leadersOneToOne}").And.Contain($"/Teams/OneToOnes/Details/{volunteersOwn}"));
        Assert.That(list.Body, Does.Contain("Lee Leader").And.Contain("Priya Raman"));

        var csv = await World.Volunteer.Browser.GetAsync("/Teams/OneToOnes?handler=Csv");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var text = Encoding.UTF8.GetString(csv.RawBytes);
        Assert.That(text, Does.Contain("My own notes"));
        Assert.That(text, Does.Not.Contain(LeadersStory));
        Assert.That(text, Does.Contain("Lee Leader"), "the leader's one-to-one is listed, without its notes");

        var otherTeam = await World.OtherVolunteer.Browser.GetPageAsync("/Teams/OneToOnes");
        Assert.That(otherTeam.Body, Does.Not.Contain("Priya Raman"));
        var otherCsv = Encoding.UTF8.GetString((await World.OtherVolunteer.Browser.GetAsync("/Teams/OneToOnes?handler=Csv")).RawBytes);
        Assert.That(otherCsv, Does.Not.Contain("Priya Raman").And.Not.Contain(LeadersStory));
    }

    [Test]
    public async Task The_list_filters_to_mine()
    {
        var mine = await World.Leader.Browser.GetPageAsync("/Teams/OneToOnes?mine=true");
        Assert.That(mine.Document.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()), Is.Not.Empty.And.All.EqualTo("Lee Leader"));
    }

    [Test]
    public async Task Deleting_asks_first_then_removes_it_and_cancels_the_reminder()
    {
        var browser = World.Leader.Browser;
        var created = await browser.SubmitAsync($"/Teams/OneToOnes/Create?personId={_met:D}", new()
        {
            ["Input.MetAt"] = Yesterday(World).ToString("yyyy-MM-dd'T'HH:mm"), ["Input.FollowUpOn"] = Iso(Today(World).AddDays(4)),
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Errors);
        var id = IdFrom(created.LocationPath);

        var confirm = await browser.GetPageAsync($"/Teams/OneToOnes/Delete/{id}");
        Assert.That(confirm.Text("h1"), Is.EqualTo("Delete the one-to-one with Priya Raman?"));
        var deleted = await confirm.SubmitAsync(browser);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(deleted.Location, Is.EqualTo("/Teams/OneToOnes"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id", new { id = id.ToString() }), Is.Zero);
        Assert.That((await World.RemindersAsync($"teams.one-to-one.{id:D}.")).Select(r => r.Status), Is.EqualTo(new[] { "cancelled" }));
        Assert.That((await browser.GetAsync($"/Teams/OneToOnes/Details/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_leader_edits_it_and_moves_the_follow_up()
    {
        var browser = World.Leader.Browser;
        var id = await World.AddOneToOneAsync(World.TeamA, World.PersonOfUser(World.Leader), _met, story: "Before", recordedBy: World.Leader.Id);
        var later = Today(World).AddDays(12);

        var saved = await browser.SubmitAsync($"/Teams/OneToOnes/Edit/{id}", new() { ["Input.Story"] = "After", ["Input.FollowUpOn"] = Iso(later) });

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND story = 'After' AND follow_up_on = @on",
            new { id = id.ToString(), on = Iso(later) }), Is.EqualTo(1));
        Assert.That((await World.RemindersAsync($"teams.one-to-one.{id:D}.")).Single().DueAt, Is.EqualTo(NineAm(later)));
    }

    [Test]
    public async Task An_organiser_records_one_held_by_a_member_of_another_team_and_only_an_organiser_chooses_the_holder()
    {
        var metB = await World.AddPersonAsync("Rosa Lima", World.NetworkB);
        var holder = World.PersonOfUser(World.OtherVolunteer);
        var form = await World.Organiser.Browser.GetPageAsync($"/Teams/OneToOnes/Create?personId={metB:D}");
        var holders = form.Document.QuerySelectorAll("#Input_HeldBy option").Select(o => o.GetAttribute("value")).ToList();
        Assert.That(holders.First(), Is.EqualTo(World.PersonOfUser(World.Organiser).ToString()), "the organiser themselves comes first");
        Assert.That(holders, Does.Contain(holder.ToString()));
        Assert.That((await World.Leader.Browser.GetPageAsync("/Teams/OneToOnes/Create")).Document.QuerySelector("#Input_HeldBy"), Is.Null);

        var response = await form.SubmitAsync(World.Organiser.Browser, new()
        {
            ["Input.TeamId"] = World.TeamB.ToString(), ["Input.HeldBy"] = holder.ToString(),
            ["Input.MetAt"] = Yesterday(World).ToString("yyyy-MM-dd'T'HH:mm"), ["Input.FollowUpOn"] = Iso(Today(World).AddDays(3)),
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.Errors);
        var id = IdFrom(response.LocationPath);
        Assert.That((await World.RemindersAsync($"teams.one-to-one.{id:D}.")).Single().PersonId, Is.EqualTo(holder.ToString()));
        var holdersView = await World.OtherVolunteer.Browser.GetPageAsync($"/Teams/OneToOnes/Details/{id}");
        Assert.That(holdersView.Text("#held-by"), Is.EqualTo("Vic Volunteer"));
        Assert.That(holdersView.Document.QuerySelector($"a[href='/Teams/OneToOnes/Edit/{id}']"), Is.Not.Null, "the holder may edit it");
    }

    [Test]
    public async Task The_leader_of_another_team_cannot_post_an_edit_or_a_delete_to_it()
    {
        // Take a form (and antiforgery token) from a page they may use, and post it at team A's one-to-one.
        var form = await World.OtherLeader.Browser.GetPageAsync("/Teams/OneToOnes/Create");
        var fields = Organising.Testing.PageResponse.FieldsOf(form.Form());
        fields.RemoveAll(f => f.Key == "Input.Story");
        fields.Add(new("Input.Story", "Overwritten"));
        fields.Add(new("Input.MetPersonId", _met.ToString()));
        var edit = await World.OtherLeader.Browser.PostAsync($"/Teams/OneToOnes/Edit/{_leadersOneToOne}", fields);
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var token = fields.Where(f => f.Key == "__RequestVerificationToken").ToList();
        var delete = await World.OtherLeader.Browser.PostAsync($"/Teams/OneToOnes/Delete/{_leadersOneToOne}", token);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND story = @story",
            new { id = _leadersOneToOne.ToString(), story = LeadersStory }), Is.EqualTo(1));
    }
}

/// <summary>A fresh world with no one-to-ones: the first-run page explains what they are.</summary>
public sealed class OneToOneFirstRunTests : WorldFixture
{
    [Test]
    public async Task The_empty_list_explains_what_a_one_to_one_is()
    {
        var page = await World.Volunteer.Browser.GetPageAsync("/Teams/OneToOnes");

        Assert.That(page.Text("main h2"), Is.EqualTo("No one-to-ones yet"));
        Assert.That(page.Body, Does.Contain("relational meeting").And.Contain("self-interest"));
        Assert.That(page.Document.QuerySelector("a[href='/Teams/OneToOnes/Create']"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector("a[href*='handler=Csv']"), Is.Null);
    }
}
