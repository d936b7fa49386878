using Organising.Platform.Identity;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Audit;
using Organising.Platform.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace Organising.Platform.Tests;

/// <summary>
/// Calendar feeds (/calendar/{token}.ics) and /Me, with a test module's calendar source: the events a module knows
/// for a person (found from the user's e-mail address through Networks) or for a user.
/// </summary>
public sealed class CalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private readonly TestCalendar _calendar = new();
    private PlatformWorld _world = null!;
    private DateTimeOffset _summer, _winter, _soon;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await PlatformWorld.StartAsync(services: s =>
        {
            s.AddSingleton(_calendar);
            s.AddScoped<ICalendarSource, TestCalendarSource>();
        });
        var volunteer = await AddPersonAsync("Val Volunteer", _world.Volunteer.Email);
        var leader = await AddPersonAsync("Lee Leader", _world.Leader.Email);
        await AddPersonAsync("Olu Organiser", _world.Organiser.Email);

        var now = _world.Clock.GetUtcNow();
        // 17:30 UTC on the next 1 July is 18:30 BST; 18:30 UTC on the next 15 January is 18:30 GMT. Both within the year ahead.
        _summer = Next(now, 7, 1, new TimeSpan(17, 30, 0));
        _winter = Next(now, 1, 15, new TimeSpan(18, 30, 0));
        _soon = new DateTimeOffset(now.UtcDateTime.Date.AddDays(3).AddHours(15), TimeSpan.Zero);

        _calendar.Add(volunteer, new CalendarEvent("test.training.1", "Door-knocking training", _summer, _summer.AddHours(2))
        {
            Category = "Training", Location = "Bow community hall", Url = "/Test/Sessions/1", Description = "Bring comfortable shoes.",
        });
        _calendar.Add(volunteer, new CalendarEvent("test.planning.2", "Winter planning", _winter, _winter.AddHours(1.5)));
        _calendar.Add(volunteer, new CalendarEvent("test.meeting.3", "<script>alert(1)</script> house meeting", _soon, _soon.AddHours(1))
        {
            Url = "javascript:alert(2)",
        });
        _calendar.Add(volunteer, new CalendarEvent("test.later.4", "Beyond a month", now.AddDays(45), now.AddDays(45).AddHours(1)));
        _calendar.Add(volunteer, new CalendarEvent("test.far.5", "Two years away", now.AddYears(2), now.AddYears(2).AddHours(1)));
        _calendar.Add(volunteer, new CalendarEvent("test.past.6", "Long past", now.AddDays(-60), now.AddDays(-60).AddHours(1)));
        _calendar.Add(leader, new CalendarEvent("test.leaders.7", "Leaders' huddle", _soon, _soon.AddHours(1)));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private static DateTimeOffset Next(DateTimeOffset now, int month, int day, TimeSpan utcTime)
    {
        var candidate = new DateTimeOffset(now.Year, month, day, 0, 0, 0, TimeSpan.Zero) + utcTime;
        // After the house meeting (at most four days ahead), so that it is the first day on /Me.
        return candidate > now.AddDays(5) ? candidate : candidate.AddYears(1);
    }

    /// <summary>A person in Networks with the user's e-mail address, added as an organiser would: that is how a user is matched to a person.</summary>
    private async Task<Guid> AddPersonAsync(string name, string email)
    {
        var response = await _world.Organiser.Browser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = name, ["Input.Email"] = email });
        Assert.That(response.LocationPath, Does.StartWith("/Networks/People/Details/"), response.Errors);
        return Guid.Parse(response.LocationPath!.Split('/')[^1]);
    }

    /// <summary>The path of the user's feed as /Me/Calendar shows it, making the link first if they have none.</summary>
    private static async Task<string> FeedPathAsync(Browser browser)
    {
        var page = await browser.GetPageAsync("/Me/Calendar");
        if (page.Document.QuerySelector("#feed-url") is null)
        {
            var created = await page.SubmitAsync(browser);
            Assert.That(created.LocationPath, Is.EqualTo("/Me/Calendar"), created.Errors);
            page = await browser.GetPageAsync("/Me/Calendar");
        }
        var url = page.Document.QuerySelector("#feed-url")?.GetAttribute("value");
        Assert.That(url, Does.StartWith("http://localhost/calendar/").And.EndWith(".ics"), "an absolute address to paste into a calendar app");
        return new Uri(url!).AbsolutePath;
    }

    private async Task<PageResponse> GetAnonymouslyAsync(string path)
    {
        using var client = _world.App.NewCookielessClient();
        using var response = await client.GetAsync(path);
        return await PageResponse.ReadAsync(response);
    }

    private async Task<Browser> NewSignedInUserAsync()
    {
        var (_, email) = await _world.NewUserAsync(Identity.Roles.Volunteer);
        return await _world.App.SignInAsync(email);
    }

    [Test]
    public async Task The_feed_holds_the_users_own_events_in_local_time_with_a_time_zone_without_sign_in()
    {
        var path = await FeedPathAsync(_world.Volunteer.Browser);

        var feed = await GetAnonymouslyAsync(path);

        Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(feed.ContentType, Is.EqualTo("text/calendar; charset=utf-8"));
        Assert.That(feed.Header("Cache-Control"), Does.Contain("private").And.Contain("max-age=300"));
        var calendar = IcalCalendar.Load(feed.Body)!;
        Assert.That(calendar.TimeZones.Select(z => z.TzId), Is.EqualTo(new[] { "Europe/London" }));
        Assert.That(feed.Body, Does.Contain("BEGIN:STANDARD").And.Contain("BEGIN:DAYLIGHT").And.Contain("TZOFFSETTO:+0100"));
        Assert.That(calendar.Properties.Get<string>("X-WR-CALNAME"), Is.EqualTo("Organising for Health"));

        Assert.That(calendar.Events.Select(e => e.Uid), Is.EquivalentTo(new[] { "test.training.1", "test.planning.2", "test.meeting.3", "test.later.4" }),
            "the volunteer's events from 30 days ago to a year ahead: not the leader's, not two years away, not long past");

        var training = calendar.Events.Single(e => e.Uid == "test.training.1");
        Assert.That(training.Summary, Is.EqualTo("Door-knocking training"));
        Assert.That(training.DtStart!.TzId, Is.EqualTo("Europe/London"));
        Assert.That(feed.Body, Does.Contain($"DTSTART;TZID=Europe/London:{_summer:yyyyMMdd}T183000"), "17:30 UTC in summer is 18:30 BST");
        Assert.That(training.DtStart.AsUtc, Is.EqualTo(_summer.UtcDateTime));
        Assert.That(training.DtEnd!.AsUtc, Is.EqualTo(_summer.AddHours(2).UtcDateTime));
        Assert.That(training.Location, Is.EqualTo("Bow community hall"));
        Assert.That(training.Categories, Is.EqualTo(new[] { "Training" }));
        Assert.That(training.Url?.ToString(), Is.EqualTo("http://localhost/Test/Sessions/1"), "app-relative links become absolute");
        Assert.That(training.Description, Does.StartWith("Bring comfortable shoes.").And.Contain("http://localhost/Test/Sessions/1"));

        var winter = calendar.Events.Single(e => e.Uid == "test.planning.2");
        Assert.That(feed.Body, Does.Contain($"DTSTART;TZID=Europe/London:{_winter:yyyyMMdd}T183000"), "18:30 UTC in winter is 18:30 GMT");
        Assert.That(winter.DtStart!.AsUtc, Is.EqualTo(_winter.UtcDateTime));

        var meeting = calendar.Events.Single(e => e.Uid == "test.meeting.3");
        Assert.That(meeting.Url, Is.Null, "a javascript: link is dropped");

        var again = await GetAnonymouslyAsync(path);
        Assert.That(IcalCalendar.Load(again.Body)!.Events.Select(e => e.Uid), Is.EquivalentTo(calendar.Events.Select(e => e.Uid)), "UIDs are stable");
    }

    [Test]
    public async Task Making_a_new_link_needs_confirming_and_stops_the_old_one()
    {
        using var browser = await NewSignedInUserAsync();
        var first = await FeedPathAsync(browser);

        var plain = await browser.GetPageAsync("/Me/Calendar");
        Assert.That(plain.Document.QuerySelector("#replace-form"), Is.Null, "no replacing without the confirmation step");
        // A form posted without confirming (a stale page, a second click) changes nothing.
        var unconfirmed = await browser.SubmitAsync("/Me/Calendar?confirm=true", new() { ["Input.Replace"] = null }, "#replace-form");
        Assert.That(unconfirmed.LocationPath, Is.EqualTo("/Me/Calendar"));
        Assert.That((await browser.FollowAsync(unconfirmed)).Text(".alert-warning"), Is.EqualTo(Areas.Me.Pages.Calendar.CreateMyCalendarLink.AlreadyHasLink));
        Assert.That(await FeedPathAsync(browser), Is.EqualTo(first));

        var confirmation = await browser.GetPageAsync("/Me/Calendar?confirm=true");
        Assert.That(confirmation.Text("#replace-form"), Does.Contain("stop working"));
        var replaced = await confirmation.SubmitAsync(browser, formSelector: "#replace-form");
        Assert.That(replaced.LocationPath, Is.EqualTo("/Me/Calendar"), replaced.Errors);
        Assert.That((await browser.FollowAsync(replaced)).Text(".alert-success"), Does.Contain("old one no longer works"));

        var second = await FeedPathAsync(browser);
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That((await GetAnonymouslyAsync(first)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await GetAnonymouslyAsync(second)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_link_that_can_no_longer_be_shown_can_be_replaced()
    {
        var (id, email) = await _world.NewUserAsync(Identity.Roles.Volunteer);
        using var browser = await _world.App.SignInAsync(email);
        await FeedPathAsync(browser);
        // As if the app's Data Protection keys had been lost: the stored copy no longer decrypts.
        await using (var db = _world.App.OpenDatabase())
        {
            await Dapper.SqlMapper.ExecuteAsync(db, "UPDATE platform_calendar_feed SET protected_token = 'not-decryptable' WHERE user_id = @id", new { id = id.ToString() });
        }

        var page = await browser.GetPageAsync("/Me/Calendar");
        Assert.That(page.Text("main .alert-warning"), Does.Contain("can no longer be shown"));
        Assert.That(page.Document.QuerySelector("#feed-url"), Is.Null);
        var replaced = await browser.SubmitAsync("/Me/Calendar?confirm=true", formSelector: "#replace-form");
        Assert.That(replaced.LocationPath, Is.EqualTo("/Me/Calendar"), replaced.Errors);
        Assert.That((await GetAnonymouslyAsync(await FeedPathAsync(browser))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Making_and_replacing_links_is_in_the_audit_log()
    {
        var (id, email) = await _world.NewUserAsync(Identity.Roles.Leader);
        using var browser = await _world.App.SignInAsync(email);
        await FeedPathAsync(browser);
        await browser.SubmitAsync("/Me/Calendar?confirm=true", formSelector: "#replace-form");

        const string sql = "SELECT COUNT(*) FROM platform_audit WHERE user_id = @user AND kind = @kind";
        Assert.That(await _world.CountAsync(sql, new { user = id.ToString(), kind = AuditKinds.CalendarLinkCreated }), Is.EqualTo(1));
        Assert.That(await _world.CountAsync(sql, new { user = id.ToString(), kind = AuditKinds.CalendarLinkReplaced }), Is.EqualTo(1));
    }

    public static IEnumerable<TestCaseData> TokensThatOpenNothing() =>
    [
        new TestCaseData(SecretTokens.NewToken()).SetName("An unknown token is the site's 404"),
        new TestCaseData("abc").SetName("A short token is the site's 404"),
        new TestCaseData(SecretTokens.NewToken() + "A").SetName("A long token is the site's 404"),
        new TestCaseData(new string('!', 43)).SetName("A token of the wrong characters is the site's 404"),
        new TestCaseData(Uri.EscapeDataString("<script>alert(1)</script>")).SetName("A hostile token is the site's 404"),
    ];

    [TestCaseSource(nameof(TokensThatOpenNothing))]
    public async Task A_token_that_opens_nothing_answers_like_any_missing_page(string token)
    {
        var sitesOwn404 = await GetAnonymouslyAsync("/Status/404");
        Assert.That(sitesOwn404.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var response = await GetAnonymouslyAsync($"/calendar/{token}.ics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ContentType, Is.EqualTo(sitesOwn404.ContentType));
        Assert.That(response.Body, Is.EqualTo(sitesOwn404.Body));
        Assert.That(response.Body, Does.Not.Contain("<script>alert(1)</script>"));
    }

    [Test]
    public async Task Signed_in_a_missing_feed_looks_like_a_missing_page()
    {
        var unknownPage = await _world.Volunteer.Browser.GetAsync("/calendar-nowhere/at-all");
        var unknownFeed = await _world.Volunteer.Browser.GetAsync($"/calendar/{SecretTokens.NewToken()}.ics");
        Assert.That(unknownPage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownFeed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownFeed.Text("main"), Is.EqualTo(unknownPage.Text("main")));
    }

    [Test]
    public async Task A_disabled_users_feed_is_gone_like_one_that_never_was()
    {
        var (id, email) = await _world.NewUserAsync(Identity.Roles.Volunteer);
        using var browser = await _world.App.SignInAsync(email);
        var path = await FeedPathAsync(browser);
        Assert.That((await GetAnonymouslyAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using (var db = _world.App.OpenDatabase())
        {
            await Dapper.SqlMapper.ExecuteAsync(db, "UPDATE platform_user SET is_disabled = 1 WHERE id = @id", new { id = id.ToString() });
        }

        var gone = await GetAnonymouslyAsync(path);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(gone.Body, Is.EqualTo((await GetAnonymouslyAsync($"/calendar/{SecretTokens.NewToken()}.ics")).Body));
    }

    [TestCase("/Me")]
    [TestCase("/Me/Calendar")]
    public async Task Me_pages_need_sign_in(string url)
    {
        var response = await GetAnonymouslyAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"));
    }

    [Test]
    public async Task Me_shows_the_next_30_days_in_local_time_with_titles_encoded()
    {
        var page = await _world.Volunteer.Browser.GetPageAsync("/Me");

        var items = page.Texts("ul.upcoming li");
        var local = TimeZoneInfo.ConvertTime(_soon, London);
        Assert.That(items[0], Does.StartWith($"{local:HH:mm}–{local.AddHours(1):HH:mm}").And.Contain("<script>alert(1)</script> house meeting"));
        Assert.That(page.Text("main section h2"), Is.EqualTo(local.ToString("dddd d MMMM", EnGb)));
        Assert.That(items, Has.None.Contains("Beyond a month").And.None.Contains("Two years away").And.None.Contains("Long past"), "the next 30 days only");
        Assert.That(page.Body, Does.Not.Contain("<script>alert(1)</script>").And.Contain("&lt;script&gt;"));
        Assert.That(page.Body, Does.Not.Contain("javascript:"), "an unsafe link is not shown");
        Assert.That(page.Body, Does.Not.Contain("Leaders&#x27; huddle").And.Not.Contain("Leaders' huddle"));
        Assert.That(page.Document.QuerySelector("#no-person"), Is.Null);
        Assert.That(page.Document.QuerySelector("main a[href='/Me/Calendar']"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector("main a[href='/Me/Reminders']"), Is.Not.Null);
    }

    [Test]
    public async Task Me_with_nothing_coming_up_says_what_will_appear()
    {
        var page = await _world.Organiser.Browser.GetPageAsync("/Me");
        Assert.That(page.Text("#empty-state h2"), Is.EqualTo("Nothing coming up in the next 30 days"));
        Assert.That(page.Document.QuerySelector("#no-person"), Is.Null);
    }

    [Test]
    public async Task Me_without_a_matching_person_says_how_to_put_it_right()
    {
        var page = await _world.Observer.Browser.GetPageAsync("/Me");
        Assert.That(page.Text("#no-person"), Does.Contain(_world.Observer.Email).And.Contain("Ask an organiser to record you in People with that same e-mail address"));
        Assert.That(page.Document.QuerySelector("#empty-state"), Is.Null);
    }

    [Test]
    public async Task Everyone_signed_in_finds_Me_in_the_menu()
    {
        var home = await _world.Observer.Browser.GetPageAsync("/");
        Assert.That(home.Document.QuerySelector("nav a[href='/Me']")?.TextContent.Trim(), Is.EqualTo("My upcoming"));
    }

    [Test]
    public void A_time_in_the_hour_that_repeats_when_clocks_go_back_is_written_in_UTC()
    {
        // 01:30 on 31 October 2027 happens twice in London: at 00:30 UTC (BST) and at 01:30 UTC (GMT).
        var first = new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero);
        var ics = IcalFeed.Write("Test", London, [new CalendarEvent("test.ambiguous", "Night shift", first, first.AddHours(3))], first, p => p);

        Assert.That(ics, Does.Contain("DTSTART:20271031T003000Z"));
        Assert.That(ics, Does.Contain("DTEND;TZID=Europe/London:20271031T033000"));
        Assert.That(IcalCalendar.Load(ics)!.Events.Single().DtStart!.AsUtc, Is.EqualTo(first.UtcDateTime));
    }

    [Test]
    public void An_event_that_ends_when_it_starts_has_no_end_rather_than_a_wrong_one()
    {
        var at = new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var ics = IcalFeed.Write("Test", London, [new CalendarEvent("test.deadline", "Deadline", at, at.AddMinutes(-5))], at, p => p);

        Assert.That(ics, Does.Contain("DTSTART;TZID=Europe/London:20270301T120000").And.Not.Contain("DTEND"));
    }

    /// <summary>What a module knows: events by person id or by user id.</summary>
    public sealed class TestCalendar
    {
        private readonly ConcurrentDictionary<Guid, ConcurrentBag<CalendarEvent>> _events = new();

        public void Add(Guid owner, CalendarEvent e) => _events.GetOrAdd(owner, _ => []).Add(e);

        public IReadOnlyList<CalendarEvent> For(Guid owner) => _events.TryGetValue(owner, out var events) ? events.ToList() : [];
    }

    /// <summary>Returns everything it knows for the owner, ignoring the window, so the tests see that Platform keeps to it.</summary>
    private sealed class TestCalendarSource(TestCalendar calendar) : ICalendarSource
    {
        public ValueTask<IReadOnlyList<CalendarEvent>> EventsAsync(CalendarOwner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            ValueTask.FromResult<IReadOnlyList<CalendarEvent>>(
                [.. calendar.For(owner.UserId), .. owner.PersonId is { } person ? calendar.For(person) : []]);
    }
}
