using System.Net;
using Dapper;
using Organising.Platform.Audit;
using Organising.Platform.Data;

namespace Organising.Platform.Tests;

/// <summary>/Admin/Audit (filtered by user, date and kind) and /Admin/Messages, with their CSV exports.</summary>
public sealed class AuditAndMessagesTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await PlatformWorld.StartAsync();
        // Two old entries on known days, by known people, straight into the log.
        await using var connection = _world.App.OpenDatabase();
        const string insert = """
            INSERT INTO platform_audit (id, occurred_at, user_id, user_name, kind, subject_type, subject_id, summary)
            VALUES (@id, @at, @user, @name, @kind, 'test', NULL, @summary)
            """;
        await connection.ExecuteAsync(insert, new { id = Guid.CreateVersion7().ToString(), at = DapperTypeHandlers.ToDbText(new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero)),
            user = _world.Leader.Id.ToString(), name = _world.Leader.Name, kind = "test.alpha", summary = "Alpha on the tenth of March" });
        await connection.ExecuteAsync(insert, new { id = Guid.CreateVersion7().ToString(), at = DapperTypeHandlers.ToDbText(new DateTimeOffset(2024, 3, 12, 23, 30, 0, TimeSpan.Zero)),
            user = _world.Volunteer.Id.ToString(), name = _world.Volunteer.Name, kind = "test.beta", summary = "Beta late on the twelfth of March" });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private async Task<IReadOnlyList<string>> SummariesAsync(string query)
    {
        var page = await _world.Admin.Browser.GetPageAsync("/Admin/Audit" + query);
        return page.Texts("main table tbody tr");
    }

    [Test]
    public async Task The_log_filters_by_user()
    {
        var rows = await SummariesAsync($"?user={_world.Leader.Id}");
        Assert.That(rows, Has.Some.Contains("Alpha on the tenth of March"));
        Assert.That(rows, Has.None.Contains("Beta late"));
    }

    [Test]
    public async Task The_log_filters_by_kind()
    {
        var rows = await SummariesAsync("?kind=test.beta");
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Contain("Beta late on the twelfth of March"));
    }

    [Test]
    public async Task The_log_filters_by_local_dates_inclusive()
    {
        // 23:30 UTC on 12 March 2024 is still the 12th in London (GMT), so "to 12th" includes it and "from 13th" does not.
        Assert.That(await SummariesAsync("?from=2024-03-10&to=2024-03-12"), Has.Count.EqualTo(2));
        Assert.That(await SummariesAsync("?from=2024-03-11&to=2024-03-12"), Has.Count.EqualTo(1));
        Assert.That(await SummariesAsync("?from=2024-03-13&to=2024-03-20"), Is.Empty);
    }

    [Test]
    public async Task Dates_the_wrong_way_round_are_swapped_with_a_word()
    {
        var page = await _world.Admin.Browser.GetPageAsync("/Admin/Audit?from=2024-03-12&to=2024-03-10");
        Assert.That(page.Body, Does.Contain("the dates were swapped"));
        Assert.That(page.Texts("main table tbody tr"), Has.Count.EqualTo(2));
    }

    [TestCase("?from=yesterday")]
    [TestCase("?from=0001-01-01&to=9999-12-31")]
    [TestCase("?user=not-a-guid")]
    public async Task Unreadable_filters_are_ignored_with_a_message(string query)
    {
        var page = await _world.Admin.Browser.GetAsync("/Admin/Audit" + query);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Body, Does.Contain("ignored"));
    }

    [Test]
    public async Task The_audit_csv_follows_the_filters()
    {
        var csv = await _world.Admin.Browser.GetAsync("/Admin/Audit?handler=Csv&kind=test.alpha");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        var lines = csv.Body.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Contain("Alpha on the tenth of March").And.Contain(_world.Leader.Name).And.StartWith("2024-03-10 12:00:00"));
    }

    [Test]
    public async Task Sign_ins_appear_in_the_log_as_they_happen()
    {
        var rows = await SummariesAsync($"?user={_world.Observer.Id}&kind={AuditKinds.SignIn}");
        Assert.That(rows, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Messages_lists_each_email_searchably_and_exports_it()
    {
        using var browser = _world.App.NewBrowser();
        await browser.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = _world.Leader.Email });

        var all = await _world.Admin.Browser.GetPageAsync("/Admin/Messages");
        Assert.That(all.Body, Does.Contain(_world.Leader.Email).And.Contain("Reset your password"));
        Assert.That(all.Body, Does.Contain(".eml files"), "says where unsent mail goes");
        var none = await _world.Admin.Browser.GetPageAsync("/Admin/Messages?q=zzz-no-such-recipient");
        Assert.That(none.Body, Does.Not.Contain(_world.Leader.Email));
        var csv = await _world.Admin.Browser.GetAsync($"/Admin/Messages?handler=Csv&q={Uri.EscapeDataString(_world.Leader.Email)}");
        Assert.That(csv.Body, Does.Contain(_world.Leader.Email).And.Contain("pickup").And.Contain("sent"));
    }

    public static IEnumerable<TestCaseData> LongSearches() =>
        from url in new[] { "/Admin/Messages", "/Admin/Messages?handler=Csv", "/Admin/Users", "/Admin/Users?handler=Csv" }
        select new TestCaseData(url).SetName($"A 50,000-character search of {url}");

    [TestCaseSource(nameof(LongSearches))]
    public async Task A_huge_search_is_answered_not_a_500(string url)
    {
        var q = new string('%', 10) + new string('a', 50_000);
        var response = await _world.Admin.Browser.GetAsync(url + (url.Contains('?') ? "&" : "?") + "q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_name_that_looks_like_a_formula_is_defused_in_the_users_csv()
    {
        await _world.App.CreateUserAsync($"formula.{Guid.NewGuid().ToString("N")[..8]}@example.org", Organising.Platform.Identity.Roles.Leader, "=HYPERLINK(\"http://evil.example\")");
        var csv = await _world.Admin.Browser.GetAsync("/Admin/Users?handler=Csv&q=formula.");
        var line = csv.Body.Split('\n').Single(l => l.Contains("HYPERLINK"));
        Assert.That(line, Does.Not.StartWith("=").And.Not.StartWith("\"="));
    }

    [Test]
    public async Task Organisers_see_users_but_only_Administrators_get_the_links_to_manage_them()
    {
        var asOrganiser = await _world.Organiser.Browser.GetPageAsync("/Admin/Users");
        var asAdmin = await _world.Admin.Browser.GetPageAsync("/Admin/Users");
        var editLink = $"a[href='/Admin/Users/Edit/{_world.Volunteer.Id}']";
        Assert.That(asOrganiser.Body, Does.Contain(_world.Volunteer.Email));
        Assert.That(asOrganiser.Document.QuerySelector(editLink), Is.Null);
        Assert.That(asAdmin.Document.QuerySelector(editLink), Is.Not.Null);
    }
}
