using System.Globalization;
using System.Net;
using System.Net.Sockets;
using netDumbster.smtp;
using Organising.Platform.Audit;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests.Reminders;

/// <summary>/Admin/Reminders: the outbox filtered, searched, paged and exported; failed ones retried; unsent ones cancelled.</summary>
public sealed class AdminRemindersTests
{
    private const string Url = "/Admin/Reminders";
    private static readonly string Visit = TestingModule.Visit.Id, FollowUp = TestingModule.FollowUp.Id;

    /// <summary>A winter noon: London is on GMT, and reminders sent now are outside the default quiet hours.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private SimpleSmtpServer _smtp = null!;
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var port = TestSmtp.FreePort();
        _smtp = SimpleSmtpServer.Start(port);
        _world = await PlatformWorld.StartAsync(TestSmtp.Settings(port), TestingModule.AddTo);
        // Signed in again once the clock reads Noon: the world's own sign-ins, days earlier, have expired by then.
        _world.Clock.SetNow(Noon);
        foreach (var role in Roles.All) _browsers[role] = await _world.App.SignInAsync(_world.Users[role].Email);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var browser in _browsers.Values) browser.Dispose();
        await _world.DisposeAsync();
        _smtp.Dispose();
    }

    private readonly Dictionary<string, Browser> _browsers = [];
    private Browser Admin => _browsers[Roles.Administrator];
    private Browser Organiser => _browsers[Roles.Organiser];

    /// <summary>A word no other test's rows contain, so a search finds only this test's.</summary>
    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private static IReadOnlyList<string> Subjects(PageResponse page) => page.Texts("main table tbody tr .subject");

    [Test]
    public async Task The_list_filters_by_status_kind_and_search_newest_due_first()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Lena Filter", $"lena.{marker}@example.org");
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.a", person, Visit, "pending", Noon.AddDays(5), $"{marker} Alpha");
        await Outbox.SeedAsync(_world, $"testing.follow-up.{marker}.b", person, FollowUp, "sent", Noon.AddDays(-1), $"{marker} Beta", sentAt: Noon.AddDays(-1));
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.c", person, Visit, "skipped", Noon.AddDays(-2), $"{marker} Gamma", note: "They have withdrawn consent to contact.");
        await Outbox.SeedAsync(_world, $"testing.follow-up.{marker}.d", person, FollowUp, "failed", Noon.AddDays(-3), $"{marker} Delta", lastError: "Connection refused", attempts: 10);
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.e", person, Visit, "cancelled", Noon.AddDays(-4), $"{marker} Epsilon");
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.f", person, Visit, "sending", Noon.AddDays(1), $"{marker} Zeta");

        async Task<IReadOnlyList<string>> ListAsync(string query) => Subjects(await Organiser.GetPageAsync($"{Url}?q={marker}{query}"));

        Assert.That(await ListAsync(""), Is.EqualTo(new[] { "Alpha", "Zeta", "Beta", "Gamma", "Delta", "Epsilon" }.Select(s => $"{marker} {s}")));
        Assert.That(await ListAsync("&status=scheduled"), Is.EqualTo(new[] { $"{marker} Alpha", $"{marker} Zeta" }));
        Assert.That(await ListAsync("&status=sent"), Is.EqualTo(new[] { $"{marker} Beta" }));
        Assert.That(await ListAsync("&status=skipped"), Is.EqualTo(new[] { $"{marker} Gamma" }));
        Assert.That(await ListAsync("&status=failed"), Is.EqualTo(new[] { $"{marker} Delta" }));
        Assert.That(await ListAsync("&status=cancelled"), Is.EqualTo(new[] { $"{marker} Epsilon" }));
        Assert.That(await ListAsync($"&kind={FollowUp}"), Is.EqualTo(new[] { $"{marker} Beta", $"{marker} Delta" }));
        Assert.That(await ListAsync($"&kind={FollowUp}&status=sent"), Is.EqualTo(new[] { $"{marker} Beta" }));
        Assert.That(await ListAsync("&status=nonsense"), Has.Count.EqualTo(6), "a status no list offers filters nothing away");

        var page = await Organiser.GetPageAsync($"{Url}?q={marker}&status=failed");
        var row = page.Document.QuerySelector("main table tbody tr")!;
        Assert.That(row.QuerySelector(".recipient")!.TextContent, Is.EqualTo("Lena Filter"));
        Assert.That(row.QuerySelector(".last-error")!.TextContent, Is.EqualTo("Last error: Connection refused"));
        Assert.That(row.TextContent, Does.Contain("Test follow-ups").And.Contain("10"));
        Assert.That(row.QuerySelector("td")!.TextContent.Trim(), Is.EqualTo("28 Nov 2026 12:00"), "due, in London time");
        Assert.That(page.Document.QuerySelector("select#status option[selected]")?.GetAttribute("value"), Is.EqualTo("failed"));
        var skipped = await Organiser.GetPageAsync($"{Url}?q={marker}&status=skipped");
        Assert.That(skipped.Text("main table tbody tr .note"), Is.EqualTo("They have withdrawn consent to contact."));
    }

    [Test]
    public async Task The_search_finds_reminders_by_recipient_name_key_or_subject()
    {
        var marker = Marker();
        var quill = await _world.AddContactablePersonAsync($"Zebedee Quill{marker}", $"zq.{marker}@example.org");
        var other = await _world.AddContactablePersonAsync("Ola Other", $"oo.{marker}@example.org");
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.by-name", quill, Visit, "pending", Noon.AddDays(3), "A visit for Zebedee");
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}-key.other", other, Visit, "pending", Noon.AddDays(2), "A visit for Ola");
        await Outbox.SeedAsync(_world, $"testing.visit.{Marker()}", other, Visit, "pending", Noon.AddDays(1), $"Subject {marker}-subject");

        Assert.That(Subjects(await Admin.GetPageAsync($"{Url}?q=QUILL{marker}")), Is.EqualTo(new[] { "A visit for Zebedee" }), "by name, any case");
        Assert.That(Subjects(await Admin.GetPageAsync($"{Url}?q={marker}-key")), Is.EqualTo(new[] { "A visit for Ola" }), "by key");
        Assert.That(Subjects(await Admin.GetPageAsync($"{Url}?q={marker}-subject")), Is.EqualTo(new[] { $"Subject {marker}-subject" }), "by subject");
        var none = await Admin.GetPageAsync($"{Url}?q=nobody-{marker}");
        Assert.That(none.Text("#empty"), Is.EqualTo("No reminder matches these filters."));
        var tooLong = await Admin.GetPageAsync($"{Url}?q={new string('x', 201)}");
        Assert.That(tooLong.Text("#q-error"), Does.Contain("at most 200 characters"));
    }

    [Test]
    public async Task The_list_is_paged_and_the_pages_keep_the_filters()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Pat Pages", $"pat.{marker}@example.org");
        for (var i = 0; i < 53; i++)
        {
            await Outbox.SeedAsync(_world, $"testing.visit.{marker}.{i:00}", person, Visit, "sent", Noon.AddMinutes(-i), $"{marker} number {i:00}");
        }

        var first = await Admin.GetPageAsync($"{Url}?q={marker}&status=sent");
        Assert.That(Subjects(first), Has.Count.EqualTo(50));
        Assert.That(Subjects(first)[0], Is.EqualTo($"{marker} number 00"));
        var next = first.Document.QuerySelectorAll("nav[aria-label=Pages] a").Single(a => a.TextContent == "Next").GetAttribute("href")!;
        Assert.That(next, Is.EqualTo($"{Url}?status=sent&q={marker}&page=2"));
        Assert.That(Subjects(await Admin.GetPageAsync(next)), Is.EqualTo(new[] { 50, 51, 52 }.Select(i => $"{marker} number {i}")));
    }

    [Test]
    public async Task The_csv_holds_the_filtered_list()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Ruth Export", $"ruth.{marker}@example.org");
        await Outbox.SeedAsync(_world, $"testing.follow-up.{marker}.f", person, FollowUp, "failed", Noon.AddHours(-1), $"{marker} failed one", lastError: "Mailbox unavailable", attempts: 10);
        await Outbox.SeedAsync(_world, $"testing.follow-up.{marker}.s", person, FollowUp, "sent", Noon.AddHours(-2), $"{marker} sent one", sentAt: Noon.AddHours(-2));

        var page = await Admin.GetPageAsync($"{Url}?q={marker}&status=failed");
        var link = page.Document.QuerySelectorAll("main a").Single(a => a.TextContent == "Download CSV").GetAttribute("href")!;
        var csv = await Admin.GetAsync(link);

        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Header("Content-Disposition"), Does.Contain("reminders-2026-12-01.csv"));
        var lines = csv.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Due,To,Kind,Subject,Status,Attempts,Last error,Note,Sent,Event,Key"));
        Assert.That(lines.Skip(1), Is.EqualTo(new[]
        {
            $"2026-12-01 11:00,Ruth Export,Test follow-ups,{marker} failed one,Failed,10,Mailbox unavailable,,,2026-12-01 11:00,testing.follow-up.{marker}.f",
        }));
    }

    [Test]
    public async Task Failed_reminders_are_counted_in_a_banner_that_links_to_them()
    {
        var before = await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE status = 'failed'");
        var person = await _world.AddContactablePersonAsync("Sam Banner", $"sam.{Marker()}@example.org");
        await Outbox.SeedAsync(_world, $"testing.visit.{Marker()}", person, Visit, "failed", Noon.AddHours(-5), "Banner one", lastError: "Timed out", attempts: 10);
        await Outbox.SeedAsync(_world, $"testing.visit.{Marker()}", person, Visit, "failed", Noon.AddHours(-6), "Banner two", lastError: "Timed out", attempts: 10);

        var page = await Organiser.GetPageAsync(Url);

        var banner = page.Document.QuerySelector("#failed-banner a")!;
        Assert.That(banner.TextContent, Is.EqualTo($"{before + 2} reminders failed"));
        Assert.That(banner.GetAttribute("href"), Is.EqualTo($"{Url}?status=failed"));
    }

    [Test]
    public async Task A_failed_reminder_retried_is_sent()
    {
        var marker = Marker();
        var email = $"tara.{marker}@example.org";
        var person = await _world.AddContactablePersonAsync("Tara Retry", email);
        var key = $"testing.follow-up.{marker}";
        var id = await Outbox.SeedAsync(_world, key, person, FollowUp, "failed", Noon.AddHours(-3), $"{marker} try again", lastError: "Connection refused", attempts: 10);

        var list = await Organiser.GetPageAsync($"{Url}?status=failed&q={marker}");
        var retried = await list.SubmitAsync(Organiser, formSelector: $"tr[data-key='{key}'] form");

        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(retried.Location, Is.EqualTo($"{Url}?status=failed&q={marker}&page=1"), "back to the list as it was");
        Assert.That((await Organiser.FollowAsync(retried)).Text(".alert-success"), Is.EqualTo("The reminder will be sent again now."));
        // No dispatcher run from the test: the retry wakes it, well before the minute's run would.
        var row = await Outbox.DispatchUntilAsync(_world, key, r => r.Status == "sent", runDispatcher: false, seconds: 10);
        Assert.That(row?.Status, Is.EqualTo("sent"));
        Assert.That(row?.Attempts, Is.EqualTo(1), "counted afresh from the retry");
        Assert.That(row?.LastError, Is.Null);
        Assert.That(_smtp.ReceivedEmail.Count(m => m.ToAddresses.Any(a => a.Address == email) && m.Headers["Subject"] == $"{marker} try again"), Is.EqualTo(1));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id AND user_id = @user",
            new { kind = AuditKinds.ReminderRetried, id = id.ToString(), user = _world.Organiser.Id.ToString() }), Is.EqualTo(1));

        var again = await Organiser.PostAsync($"{Url}?handler=Retry", [new("id", id.ToString()), new("__RequestVerificationToken", list.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.That((await Organiser.FollowAsync(again)).Text(".alert-warning"), Does.StartWith("This reminder has not failed"), "a second retry changes nothing");
        Assert.That((await Outbox.RowAsync(_world, key))?.Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task Cancelling_asks_first_then_cancels_the_pending_reminder()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Uma Cancel", $"uma.{marker}@example.org");
        var key = $"testing.visit.{marker}.2d";
        var id = await Outbox.SeedAsync(_world, key, person, Visit, "pending", Noon.AddDays(4), $"{marker} to cancel");

        var list = await Organiser.GetPageAsync($"{Url}?q={marker}&status=scheduled");
        var link = list.Document.QuerySelector($"tr[data-key='{key}'] a.btn-outline-danger")!.GetAttribute("href")!;
        Assert.That(link, Is.EqualTo($"{Url}/Cancel/{id}?status=scheduled&q={marker}&page=1"));
        var confirm = await Organiser.GetPageAsync(link);
        Assert.That(confirm.Text("main h1"), Is.EqualTo("Cancel this reminder?"));
        Assert.That(confirm.Text("#subject"), Is.EqualTo($"{marker} to cancel"));
        Assert.That(confirm.Text("#recipient"), Is.EqualTo("Uma Cancel"));
        Assert.That((await Outbox.RowAsync(_world, key))?.Status, Is.EqualTo("pending"), "opening the confirmation changes nothing");

        var cancelled = await confirm.SubmitAsync(Organiser);

        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(cancelled.Location, Is.EqualTo($"{Url}?status=scheduled&q={marker}&page=1"));
        Assert.That((await Organiser.FollowAsync(cancelled)).Text(".alert-success"), Is.EqualTo("The reminder to Uma Cancel is cancelled and will not be sent."));
        var row = await Outbox.RowAsync(_world, key);
        Assert.That((row?.Status, row?.Version, row?.Note), Is.EqualTo(("cancelled", 2L, "Cancelled by an organiser.")));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id",
            new { kind = AuditKinds.ReminderCancelled, id = id.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_sent_reminder_cannot_be_cancelled()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Vic Sent", $"vic.{marker}@example.org");
        var key = $"testing.visit.{marker}";
        var id = await Outbox.SeedAsync(_world, key, person, Visit, "sent", Noon.AddDays(-1), $"{marker} already sent", sentAt: Noon.AddDays(-1));

        var list = await Admin.GetPageAsync($"{Url}?q={marker}");
        Assert.That(list.Document.QuerySelectorAll($"tr[data-key='{key}'] a, tr[data-key='{key}'] form"), Is.Empty, "no actions offered");
        var confirm = await Admin.GetPageAsync($"{Url}/Cancel/{id}");
        Assert.That(confirm.Text("#not-cancellable"), Does.StartWith("This reminder is being sent or has already been sent"));
        Assert.That(confirm.Document.QuerySelector("main button[type=submit]"), Is.Null);

        var forced = await confirm.SubmitAsync(Admin);

        Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(forced.FormError, Does.Contain("can no longer be cancelled"));
        Assert.That((await Outbox.RowAsync(_world, key))?.Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task An_unknown_reminder_is_404()
    {
        Assert.That((await Admin.GetAsync($"{Url}/Cancel/{Guid.CreateVersion7()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Admin.GetAsync($"{Url}/Cancel/not-a-guid")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Subjects_keys_and_names_are_shown_encoded()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("<b>Bold</b> Person", $"bold.{marker}@example.org");
        await Outbox.SeedAsync(_world, $"testing.visit.{marker}.<i>", person, Visit, "skipped", Noon.AddDays(-1), $"{marker} <script>alert(1)</script>",
            note: "<img src=x onerror=alert(2)>", lastError: "<u>err</u>");

        var page = await Admin.GetPageAsync($"{Url}?q={marker}");

        Assert.That(page.Text("main table tbody tr .subject"), Is.EqualTo($"{marker} <script>alert(1)</script>"));
        Assert.That(page.Body, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(page.Document.QuerySelectorAll("main script, main img, main table b, main table u, main table i"), Is.Empty);
        Assert.That(page.Text("main table tbody tr .recipient"), Is.EqualTo("<b>Bold</b> Person"));
    }

    [Test]
    public async Task A_post_without_an_antiforgery_token_is_400_and_changes_nothing()
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Wes Forged", $"wes.{marker}@example.org");
        var id = await Outbox.SeedAsync(_world, $"testing.visit.{marker}", person, Visit, "failed", Noon.AddDays(-1), $"{marker} forged", lastError: "x", attempts: 10);

        var retry = await Admin.PostAsync($"{Url}?handler=Retry", [new("id", id.ToString())]);
        var cancel = await Admin.PostAsync($"{Url}/Cancel/{id}", []);

        Assert.That((retry.StatusCode, cancel.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
        Assert.That((await Outbox.RowAsync(_world, $"testing.visit.{marker}"))?.Status, Is.EqualTo("failed"));
    }

    private const string Anonymous = "anonymous";
    private static readonly string[] Allowed = [Roles.Administrator, Roles.Organiser];

    public static IEnumerable<TestCaseData> Visitors() =>
        from url in new[] { Url, $"{Url}?handler=Csv", $"{Url}/Cancel/{{id}}" }
        from visitor in Roles.All.Append(Anonymous)
        select new TestCaseData(url, visitor).SetName($"{visitor} opens {url}");

    [TestCaseSource(nameof(Visitors))]
    public async Task Organisers_and_Administrators_get_the_pages_and_everyone_else_is_turned_away(string url, string visitor)
    {
        var person = await _world.AddContactablePersonAsync("Xena Access", $"xena.{Marker()}@example.org");
        var id = await Outbox.SeedAsync(_world, $"testing.visit.{Marker()}", person, Visit, "pending", Noon.AddDays(9), "Access check");
        using var anonymous = visitor == Anonymous ? _world.App.NewBrowser() : null;
        var browser = anonymous ?? _browsers[visitor];

        var response = await browser.GetAsync(url.Replace("{id}", id.ToString()));

        if (visitor == Anonymous)
        {
            Assert.That((response.StatusCode, response.LocationPath), Is.EqualTo((HttpStatusCode.Redirect, "/Account/Login")));
        }
        else if (Allowed.Contains(visitor))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        else
        {
            Assert.That((response.StatusCode, response.LocationPath), Is.EqualTo((HttpStatusCode.Redirect, "/Account/AccessDenied")));
            Assert.That((await browser.FollowAsync(response)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
    }

    [TestCase(Roles.Volunteer)]
    [TestCase(Roles.Leader)]
    [TestCase(Roles.Observer)]
    public async Task Other_roles_cannot_retry_or_cancel(string role)
    {
        var marker = Marker();
        var person = await _world.AddContactablePersonAsync("Yan Denied", $"yan.{marker}@example.org");
        var failed = await Outbox.SeedAsync(_world, $"testing.visit.{marker}.f", person, Visit, "failed", Noon.AddDays(-1), "Denied retry", lastError: "x", attempts: 10);
        var pending = await Outbox.SeedAsync(_world, $"testing.visit.{marker}.p", person, Visit, "pending", Noon.AddDays(9), "Denied cancel");
        var browser = _browsers[role];
        // A token the user really has, from a page they may open, so only authorisation can refuse.
        var token = (await browser.GetPageAsync("/Me/Reminders")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";

        var retry = await browser.PostAsync($"{Url}?handler=Retry", [new("id", failed.ToString()), new("__RequestVerificationToken", token)]);
        var cancel = await browser.PostAsync($"{Url}/Cancel/{pending}", [new("__RequestVerificationToken", token)]);

        Assert.That((retry.LocationPath, cancel.LocationPath), Is.EqualTo(("/Account/AccessDenied", "/Account/AccessDenied")));
        Assert.That((await Outbox.RowAsync(_world, $"testing.visit.{marker}.f"))?.Status, Is.EqualTo("failed"));
        Assert.That((await Outbox.RowAsync(_world, $"testing.visit.{marker}.p"))?.Status, Is.EqualTo("pending"));
    }

    [TestCaseSource(typeof(Roles), nameof(Roles.All))]
    public async Task The_menu_links_to_the_page_only_for_those_who_may_use_it(string role)
    {
        var home = await _browsers[role].GetPageAsync("/");
        var links = home.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links.Contains(Url), Is.EqualTo(Allowed.Contains(role)));
    }
}
