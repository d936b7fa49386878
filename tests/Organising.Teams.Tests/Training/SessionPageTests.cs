using System.Net;
using Organising.Platform.Web;
using AngleSharp.Html.Dom;
using UglyToad.PdfPig;

namespace Organising.Teams.Tests.Training;

/// <summary>The session pages through HTTP: forms, messages, the waiting list, attendance, the PDF, and who may open what by URL.</summary>
public sealed class SessionPageTests : TrainingFixture
{
    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('/').Last());

    private Dictionary<string, string?> Form(DateOnly date, Guid? team, int capacity = 10) => new()
    {
        ["Input.ModuleId"] = OneToOnes.ToString(), ["Input.TeamId"] = team?.ToString() ?? "", ["Input.Date"] = date.ToString("yyyy-MM-dd"),
        ["Input.StartTime"] = "18:30", ["Input.EndTime"] = "20:30", ["Input.Place"] = "Northfield Community Centre",
        ["Input.Trainer"] = "Tess Trainer", ["Input.Capacity"] = capacity.ToString(),
    };

    private static async Task<PageResponse> PostHandlerAsync(Browser browser, Guid session, string handler, params (string Name, string Value)[] fields)
    {
        // The token from the session page (any signed-in page of the user's would do).
        var page = await browser.GetPageAsync($"/Teams/Training/Sessions/{session}");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await browser.GetPageAsync("/Teams/Training")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the page.");
        return await browser.PostAsync($"/Teams/Training/Sessions/{session}/{handler}",
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
    }

    [Test]
    public async Task A_leader_schedules_a_session_for_their_team_and_it_is_listed_with_its_places_and_in_the_csv()
    {
        var created = await World.Leader.Browser.SubmitAsync("/Teams/Training/Sessions/Create", Form(DaysAhead(9), World.TeamA, capacity: 12));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Errors);
        Assert.That(created.Location, Does.StartWith("/Teams/Training/Sessions/"));
        var id = IdFrom(created.Location);

        var details = await World.Leader.Browser.GetPageAsync(created.Location!);
        Assert.That(details.Text("h1"), Is.EqualTo("One-to-ones"));
        Assert.That(details.Text("#places"), Is.EqualTo("0 of 12 taken"));
        Assert.That(details.Document.Body!.TextContent, Does.Contain("18:30–20:30").And.Contain("Northfield Community Centre").And.Contain("Northfield health team"));

        var list = await World.Volunteer.Browser.GetPageAsync("/Teams/Training");
        var row = list.Document.QuerySelectorAll("main table tbody tr").Single(r => r.InnerHtml.Contains(id.ToString()));
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.That(cells[0], Is.EqualTo("One-to-ones"));
        Assert.That(cells[1], Does.Contain("18:30–20:30"));
        Assert.That(cells.Skip(5).Take(3), Is.EqualTo(new[] { "12", "0", "0" }));

        var csv = await World.Volunteer.Browser.GetAsync("/Teams/Training?handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("Module,Team,Starts").And.Contain("One-to-ones,Northfield health team,"));
        Assert.That((await World.Volunteer.Browser.GetPageAsync("/Teams/Training?past=true")).Body, Does.Not.Contain(id.ToString()));
    }

    [Test]
    public async Task The_session_form_refuses_a_past_date_and_missing_fields_with_messages_beside_them()
    {
        var past = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Sessions/Create", Form(DaysAhead(-2), World.TeamA));
        Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(past.FieldError("Input.Date"), Is.EqualTo("That date and time have passed. A new session must be in the future."));

        var missing = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Sessions/Create", new()
        {
            ["Input.ModuleId"] = "", ["Input.Date"] = "", ["Input.Place"] = "", ["Input.OnlineLink"] = "", ["Input.Capacity"] = "0",
        });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(missing.FieldError("Input.ModuleId"), Is.EqualTo("Choose the module this session teaches."));
        Assert.That(missing.FieldError("Input.Date"), Is.EqualTo("Enter the date of the session."));
        Assert.That(missing.FieldError("Input.Capacity"), Is.EqualTo("Enter the number of places: at least 1."));

        var nowhere = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Sessions/Create", new Dictionary<string, string?>(Form(DaysAhead(3), null)) { ["Input.Place"] = "", ["Input.OnlineLink"] = "" });
        Assert.That(nowhere.FieldError("Input.Place"), Is.EqualTo("Enter where the session is, an online link, or both."));
        var badLink = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Sessions/Create", new Dictionary<string, string?>(Form(DaysAhead(3), null)) { ["Input.OnlineLink"] = "javascript:alert(1)" });
        Assert.That(badLink.FieldError("Input.OnlineLink"), Is.EqualTo("Enter the full link, starting https://"));
    }

    [Test]
    public async Task Enrolling_beyond_capacity_says_who_is_where_on_the_waiting_list()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 1);
        var enrolled = await World.Volunteer.Browser.SubmitAsync($"/Teams/Training/Sessions/{session}", formSelector: "form[action$='/EnrolMe']");
        Assert.That(enrolled.Location, Is.EqualTo($"/Teams/Training/Sessions/{session}"));
        var mine = await World.Volunteer.Browser.FollowAsync(enrolled);
        Assert.That(mine.Body, Does.Contain("You are enrolled."));
        Assert.That(mine.Text("#my-status"), Does.StartWith("You are enrolled."));

        var nadia = await World.AddPersonAsync(Unique("Nadia Waiting"), World.NetworkA); // in the Leader's team's network, so their search finds her
        var search = await World.Leader.Browser.GetPageAsync($"/Teams/Training/Sessions/{session}?q=Nadia");
        var enrolForm = search.Document.QuerySelectorAll("#matches form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=personId]")!.GetAttribute("value") == nadia.ToString());
        var waiting = await search.SubmitAsync(World.Leader.Browser, formSelector: $"#matches form:has(input[value='{nadia}'])");
        Assert.That(enrolForm, Is.Not.Null);
        var after = await World.Leader.Browser.FollowAsync(waiting);
        Assert.That(after.Text(".alert-info"), Does.StartWith("The session is full: Nadia Waiting").And.EndWith("is number 1 on the waiting list."));
        Assert.That(after.Texts("#enrolled tbody td:first-child"), Is.EqualTo(new[] { "Val Volunteer" }));
        Assert.That(after.Texts("#waiting tbody tr td:nth-child(2)").Single(), Does.StartWith("Nadia Waiting"));

        var volunteerView = await World.OtherVolunteer.Browser.GetPageAsync($"/Teams/Training/Sessions/{session}");
        Assert.That(volunteerView.Body, Does.Not.Contain("Val Volunteer").And.Not.Contain("Nadia Waiting"), "only those who manage the session see names");
        Assert.That(volunteerView.Text("#places"), Is.EqualTo("1 of 1 taken; 1 waiting"));
        Assert.That(volunteerView.Body, Does.Contain("Join the waiting list"));

        var withdrawn = await World.Volunteer.Browser.SubmitAsync($"/Teams/Training/Sessions/{session}", formSelector: "form[action$='/WithdrawMe']");
        var moved = await World.Volunteer.Browser.FollowAsync(withdrawn);
        Assert.That(moved.Text(".alert-success"), Does.Contain("moved up from the waiting list"));
        Assert.That(await EnrolmentStatusAsync(session, nadia), Is.EqualTo("enrolled"));
    }

    [Test]
    public async Task Attendance_is_refused_for_a_future_session_and_marked_once_it_has_started()
    {
        var session = await ScheduleTeamASessionAsync();
        var people = await PeopleAsync(2, "Attendee");
        foreach (var person in people) await EnrolAsync(session, person);

        var early = await PostHandlerAsync(World.Leader.Browser, session, "Attendance", ("attended", people[0].ToString()));
        Assert.That(early.Location, Is.EqualTo($"/Teams/Training/Sessions/{session}"));
        Assert.That((await World.Leader.Browser.FollowAsync(early)).FormError, Does.Contain("has not started yet"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_completion WHERE session_id = @s", new { s = session.ToString() }), Is.EqualTo(0));

        await MoveSessionInTableAsync(session, World.Clock.GetUtcNow().AddHours(-3));
        var page = await World.Leader.Browser.GetPageAsync($"/Teams/Training/Sessions/{session}");
        Assert.That(page.Document.QuerySelectorAll("#attendance-form input[type=checkbox][name=attended]"), Has.Length.EqualTo(2));
        var marked = await page.SubmitAsync(World.Leader.Browser, formSelector: "#attendance-form", values: new() { ["attended"] = people[1].ToString() });
        Assert.That((await World.Leader.Browser.FollowAsync(marked)).Text(".alert-success"), Is.EqualTo("Attendance saved: 1 attended, 1 did not."));

        Assert.That((await World.Leader.Browser.GetAsync($"/Teams/Training/Completions?personId={people[1]}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "a leader sees the completions of their own teams' members only");
        await World.AddMemberAsync(World.TeamA, people[1]);
        var completions = await World.Leader.Browser.GetPageAsync($"/Teams/Training/Completions?personId={people[1]}");
        Assert.That(completions.Text("h1"), Does.StartWith("Training completed by Attendee 02"));
        Assert.That(completions.Texts("main table tbody td:nth-child(2)"), Is.EqualTo(new[] { "One-to-ones" }));
        var csv = await World.Organiser.Browser.GetAsync("/Teams/Training/Completions?handler=Csv");
        Assert.That(csv.Body, Does.Contain("Attendee 02").And.Contain("One-to-ones,core,"));
        Assert.That(csv.Body, Does.Not.Contain("Attendee 01"));
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Teams/Training/Completions?personId={people[1]}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_sign_in_sheet_downloads_as_a_pdf_with_the_enrolled_names()
    {
        var session = await ScheduleTeamASessionAsync();
        var names = new List<string>();
        foreach (var person in await PeopleAsync(3, "Sheet person"))
        {
            names.Add((await EnrolAsync(session, person)).PersonName);
        }

        var sheet = await World.Leader.Browser.GetAsync($"/Teams/Training/Sessions/{session}/SignInSheet");

        Assert.That(sheet.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sheet.ContentType, Is.EqualTo("application/pdf"));
        Assert.That(sheet.Header("Content-Disposition"), Does.Contain("sign-in-one-to-ones-"));
        using var pdf = PdfDocument.Open(sheet.RawBytes);
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.That(text, Does.Contain("Sign-in sheet: One-to-ones").And.Contain("Northfield health team"));
        foreach (var name in names) Assert.That(text, Does.Contain(name));
    }

    [Test]
    public async Task By_url_a_leader_cannot_manage_another_teams_session_nor_a_volunteer_any()
    {
        var teamA = await ScheduleTeamASessionAsync();
        var open = await ScheduleAsync(World.Organiser, NewSession(DaysAhead(10), null));
        var person = (await PeopleAsync(1))[0];
        await EnrolAsync(teamA, person);

        foreach (var session in new[] { teamA, open })
        {
            foreach (var url in new[] { $"/Teams/Training/Sessions/Edit/{session}", $"/Teams/Training/Sessions/Cancel/{session}", $"/Teams/Training/Sessions/{session}/SignInSheet" })
            {
                Assert.That((await World.OtherLeader.Browser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
            }
            var enrolOther = await PostHandlerAsync(World.OtherLeader.Browser, session, "Enrol", ("personId", person.ToString()));
            Assert.That(enrolOther.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            var withdrawOther = await PostHandlerAsync(World.OtherLeader.Browser, session, "Withdraw", ("personId", person.ToString()));
            Assert.That(withdrawOther.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        var viewed = await World.OtherLeader.Browser.GetPageAsync($"/Teams/Training/Sessions/{teamA}");
        Assert.That(viewed.Body, Does.Not.Contain("Print the sign-in sheet").And.Not.Contain("Enrol someone"));
        Assert.That(await EnrolmentStatusAsync(teamA, person), Is.EqualTo("enrolled"));

        foreach (var url in new[] { "/Teams/Training/Sessions/Create", $"/Teams/Training/Sessions/Edit/{teamA}", $"/Teams/Training/Sessions/Cancel/{teamA}" })
        {
            Assert.That((await World.Volunteer.Browser.GetAsync(url)).LocationPath, Is.EqualTo("/Account/AccessDenied"), url);
        }
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Teams/Training/Sessions/{teamA}/SignInSheet")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Observer.Browser.GetAsync($"/Teams/Training/Sessions/{teamA}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await World.Leader.Browser.GetAsync($"/Teams/Training/Sessions/Edit/{teamA}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.Leader.Browser.GetAsync($"/Teams/Training/Sessions/Edit/{open}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "sessions for everyone are the organisers'");
        Assert.That((await World.Organiser.Browser.GetAsync($"/Teams/Training/Sessions/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Moving_a_session_on_its_edit_page_moves_the_reminders_and_cancelling_it_after_confirming_cancels_them()
    {
        var session = await ScheduleTeamASessionAsync();
        var person = (await PeopleAsync(1))[0];
        await EnrolAsync(session, person);

        var moved = await World.Leader.Browser.SubmitAsync($"/Teams/Training/Sessions/Edit/{session}", new() { ["Input.Date"] = DaysAhead(15).ToString("yyyy-MM-dd"), ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "12:00" });
        Assert.That(moved.Location, Is.EqualTo($"/Teams/Training/Sessions/{session}"), moved.Errors);
        var start = await StartsAtAsync(session);
        Assert.That((await RemindersAsync(session, person))["2h"].DueAt, Is.EqualTo(Db(start.AddHours(-2))));

        var confirm = await World.Leader.Browser.GetPageAsync($"/Teams/Training/Sessions/Cancel/{session}");
        Assert.That(confirm.Text("h1"), Does.StartWith("Cancel this One-to-ones session?"));
        var cancelled = await confirm.SubmitAsync(World.Leader.Browser);
        Assert.That((await World.Leader.Browser.FollowAsync(cancelled)).Body, Does.Contain("This session is cancelled."));
        Assert.That((await RemindersAsync(session, person)).Values.Select(r => r.Status), Is.EqualTo(new[] { "cancelled", "cancelled" }));
        Assert.That((await World.Leader.Browser.GetAsync($"/Teams/Training/Sessions/Edit/{session}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var refused = await World.Leader.Browser.SubmitAsync($"/Teams/Training/Sessions/Edit/{session}", new() { ["Input.Capacity"] = "30" });
        Assert.That(refused.FormError, Does.Contain("cancelled and cannot be changed"));
    }

    [Test]
    public async Task The_list_pages_through_many_sessions_and_the_csv_holds_them_all()
    {
        var evaluation = Guid.Parse("0190a000-0000-7000-8000-000000000007");
        var first = World.Clock.GetUtcNow().AddDays(100);
        await using (var db = World.App.OpenDatabase())
        {
            for (var i = 0; i < Paging.DefaultPageSize + 2; i++)
            {
                await Dapper.SqlMapper.ExecuteAsync(db, """
                    INSERT INTO teams_session (id, module_id, team_id, starts_at, ends_at, place, capacity, status, created_at, updated_at)
                    VALUES (@id, @module, NULL, @starts, @ends, 'Hall', 5, 'scheduled', @now, @now)
                    """, new { id = Guid.CreateVersion7().ToString(), module = evaluation.ToString(), starts = Db(first.AddDays(i)), ends = Db(first.AddDays(i).AddHours(1)), now = World.Now });
            }
        }

        var page1 = await World.Volunteer.Browser.GetPageAsync($"/Teams/Training?module={evaluation}");
        Assert.That(page1.Text("main table caption"), Does.StartWith($"1–{Paging.DefaultPageSize} of {Paging.DefaultPageSize + 2} upcoming sessions"));
        var next = page1.Document.QuerySelectorAll("nav[aria-label=Pages] a").Single(a => a.TextContent == "Next").GetAttribute("href")!;
        var page2 = await World.Volunteer.Browser.GetPageAsync(next);
        Assert.That(page2.Document.QuerySelectorAll("main table tbody tr"), Has.Length.EqualTo(2));

        var csv = await World.Volunteer.Browser.GetAsync($"/Teams/Training?module={evaluation}&handler=Csv");
        Assert.That(csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(Paging.DefaultPageSize + 3), "a header and every session");
    }
}
