using System.Net;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>Every /Admin page (and CSV) for every role and for someone not signed in.</summary>
public sealed class AdminPageAccessTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    /// <summary>A page, what a permitted user sees on it (h1 text, or the CSV's first column), and who may open it.</summary>
    public sealed record AdminPage(string Url, string Expect, params string[] Allowed)
    {
        public override string ToString() => Url;
    }

    private const string Anonymous = "anonymous";
    private static readonly string[] AdminsOnly = [Roles.Administrator];
    private static readonly string[] Inviters = [Roles.Administrator, Roles.Organiser];

    // {user} is replaced with the Volunteer's id.
    private static readonly AdminPage[] Pages =
    [
        new("/Admin/Users", "Users", Inviters),
        new("/Admin/Users?handler=Csv", "Name", Inviters),
        new("/Admin/Users/Invite", "Invite someone", Inviters),
        new("/Admin/Users/Edit/{user}", "Volunteer Person", AdminsOnly),
        new("/Admin/Users/Disable/{user}", "Disable Volunteer Person's account?", AdminsOnly),
        new("/Admin/Settings", "Organisation settings", AdminsOnly),
        new("/Admin/Messages", "Outgoing messages", AdminsOnly),
        new("/Admin/Messages?handler=Csv", "When", AdminsOnly),
        new("/Admin/Audit", "Audit log", AdminsOnly),
        new("/Admin/Audit?handler=Csv", "When", AdminsOnly),
    ];

    private static readonly string[] Visitors = [..Roles.All, Anonymous];

    public static IEnumerable<TestCaseData> Matrix() =>
        from page in Pages
        from visitor in Visitors
        select new TestCaseData(page, visitor).SetName($"{visitor} opens {page.Url}");

    [TestCaseSource(nameof(Matrix))]
    public async Task Each_role_gets_the_page_or_is_turned_away(AdminPage page, string visitor)
    {
        var url = page.Url.Replace("{user}", _world.Volunteer.Id.ToString());
        using var anonymous = visitor == Anonymous ? _world.App.NewBrowser() : null;
        var browser = anonymous ?? _world.Users[visitor].Browser;

        var response = await browser.GetAsync(url);

        if (visitor == Anonymous)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"));
        }
        else if (page.Allowed.Contains(visitor))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            if (url.Contains("handler=Csv"))
            {
                Assert.That(response.ContentType, Does.StartWith("text/csv"));
                Assert.That(response.Body.TrimStart('\uFEFF').Split(',')[0], Is.EqualTo(page.Expect));
            }
            else
            {
                Assert.That(response.Text("main h1"), Is.EqualTo(page.Expect));
            }
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.LocationPath, Is.EqualTo("/Account/AccessDenied"));
            var denied = await browser.FollowAsync(response);
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
    }

    public static IEnumerable<TestCaseData> MenuCases() =>
        Roles.All.Select(role => new TestCaseData(role).SetName($"{role} sees only the admin links they may use"));

    [TestCaseSource(nameof(MenuCases))]
    public async Task The_menu_offers_only_permitted_admin_pages(string role)
    {
        var home = await _world.Users[role].Browser.GetPageAsync("/");
        var links = home.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        foreach (var page in Pages.Where(p => !p.Url.Contains('?') && !p.Url.Contains('{') && !p.Url.EndsWith("/Invite")))
        {
            Assert.That(links.Contains(page.Url), Is.EqualTo(page.Allowed.Contains(role)), $"link to {page.Url}");
        }
    }

    [TestCase("/Admin/Users/Edit/00000000-0000-0000-0000-000000000001")]
    [TestCase("/Admin/Users/Disable/00000000-0000-0000-0000-000000000001")]
    [TestCase("/Admin/Users/Edit/not-a-guid")]
    [TestCase("/Admin/Nowhere")]
    public async Task An_unknown_user_or_page_is_404(string url)
    {
        var response = await _world.Admin.Browser.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Text("main h1"), Is.EqualTo("Page not found"));
    }

    public static IEnumerable<TestCaseData> Forms() =>
    [
        new TestCaseData("/Admin/Settings", new[] { "Input.Name=Hijacked" }).SetName("Settings without antiforgery"),
        new TestCaseData("/Admin/Users/Invite", new[] { "Input.Email=x@example.org", "Input.Role=Administrator" }).SetName("Invite without antiforgery"),
        new TestCaseData("/Admin/Users/Edit/{user}?handler=Role", new[] { "Input.Role=Administrator" }).SetName("Role change without antiforgery"),
        new TestCaseData("/Admin/Users/Disable/{user}", Array.Empty<string>()).SetName("Disable without antiforgery"),
        new TestCaseData("/Admin/Users?handler=Revoke", new[] { "id=00000000-0000-0000-0000-000000000001" }).SetName("Revoke without antiforgery"),
        new TestCaseData("/Account/Logout", Array.Empty<string>()).SetName("Logout without antiforgery"),
    ];

    [TestCaseSource(nameof(Forms))]
    public async Task A_post_without_an_antiforgery_token_is_400_and_changes_nothing(string url, string[] fields)
    {
        var auditBefore = await _world.CountAsync("SELECT COUNT(*) FROM platform_audit");
        var response = await _world.Admin.Browser.PostAsync(url.Replace("{user}", _world.Volunteer.Id.ToString()),
            fields.Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit"), Is.EqualTo(auditBefore));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_user WHERE role = 'Volunteer' AND is_disabled = 0 AND id = @id",
            new { id = _world.Volunteer.Id.ToString() }), Is.EqualTo(1));
        Assert.That((await _world.Admin.Browser.GetAsync("/Admin/Users")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still signed in");
    }

    [Test]
    public async Task Healthz_answers_anonymous_callers_with_the_database_check()
    {
        using var anonymous = _world.App.NewBrowser();
        var response = await anonymous.GetAsync("/healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Body, Does.Contain("\"status\":\"Healthy\"").And.Contain("database"));
    }
}
