using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Organising.Platform.Areas.Account.Pages;
using Organising.Platform.Audit;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>Invitations: e-mailed, valid for 7 days, used once, withdrawable; only Administrators invite Administrators.</summary>
public sealed partial class InvitationTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [TearDown]
    public void ResetClock() => _world.Clock.Reset();

    [GeneratedRegex(@"http://localhost(/Account/AcceptInvitation\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex InvitationLink();

    private static string NewAddress() => $"invitee.{Guid.NewGuid().ToString("N")[..10]}@example.org";

    private async Task<string> InviteAsync(PlatformWorld.User inviter, string email, string role)
    {
        var response = await inviter.Browser.SubmitAsync("/Admin/Users/Invite", new() { ["Input.Email"] = email, ["Input.Role"] = role });
        Assert.That(response.Location, Is.EqualTo("/Admin/Users"), response.FormError ?? response.FieldError("Input.Email") ?? response.FieldError("Input.Role"));
        var message = _world.App.OutboxMessages().Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        return InvitationLink().Match(message.TextBody ?? "").Groups[1].Value;
    }

    private static Task<PageResponse> AcceptAsync(Browser browser, string link, string name = "New Person", string password = TestApp.Password, string? confirm = null) =>
        browser.SubmitAsync(link, new() { ["Input.DisplayName"] = name, ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm ?? password });

    [Test]
    public async Task The_invitation_says_until_when_it_works_in_the_organisations_time_zone()
    {
        var saved = await _world.Admin.Browser.SubmitAsync("/Admin/Settings", new() { ["Input.TimeZoneId"] = "Pacific/Auckland" });
        Assert.That(saved.Location, Is.EqualTo("/Admin/Settings"), saved.FormError);
        try
        {
            var email = NewAddress();
            await InviteAsync(_world.Organiser, email, Roles.Volunteer);
            await using var connection = _world.App.OpenDatabase();
            var expires = DateTimeOffset.Parse(await connection.ExecuteScalarAsync<string>(
                "SELECT expires_at FROM platform_invitation WHERE email = @email", new { email }) ?? "");
            var local = TimeZoneInfo.ConvertTime(expires, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));

            var body = _world.App.OutboxMessages().Last(m => m.To.Mailboxes.Any(a => a.Address == email)).TextBody;
            Assert.That(body, Does.Contain($"until {local:d MMMM yyyy 'at' HH:mm}:"), "Auckland is 11 to 13 hours ahead of UTC: a UTC date or time would differ");
        }
        finally
        {
            await _world.Admin.Browser.SubmitAsync("/Admin/Settings", new() { ["Input.TimeZoneId"] = "Europe/London" });
        }
    }

    [Test]
    public async Task An_accepted_invitation_creates_a_signed_in_account_with_the_invited_role()
    {
        var email = NewAddress();
        var link = await InviteAsync(_world.Organiser, email, Roles.Leader);
        var list = await _world.Admin.Browser.GetPageAsync("/Admin/Users");
        Assert.That(list.Body, Does.Contain(email), "pending invitations are listed");

        using var browser = _world.App.NewBrowser();
        var welcome = await browser.GetPageAsync(link);
        Assert.That(welcome.Text("main h1"), Is.EqualTo("Welcome"));
        var accepted = await AcceptAsync(browser, link, "Nia Newcomer");

        Assert.That(accepted.Location, Is.EqualTo("/"));
        Assert.That((await browser.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "signed in");
        await using var connection = _world.App.OpenDatabase();
        var user = await connection.QuerySingleAsync("SELECT id, role, display_name FROM platform_user WHERE email = @email", new { email });
        Assert.That((string)user.role, Is.EqualTo(Roles.Leader));
        Assert.That((string)user.display_name, Is.EqualTo("Nia Newcomer"));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id",
            new { kind = AuditKinds.InvitationAccepted, id = (string)user.id }), Is.EqualTo(1));
    }

    [Test]
    public async Task An_invitation_works_only_once()
    {
        var email = NewAddress();
        var link = await InviteAsync(_world.Admin, email, Roles.Volunteer);
        using (var first = _world.App.NewBrowser()) await AcceptAsync(first, link);

        using var second = _world.App.NewBrowser();
        var page = await second.GetPageAsync(link);
        Assert.That(page.Text("main h1"), Is.EqualTo("This invitation cannot be used"));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", (await second.GetPageAsync("/Account/Login")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Input.Token", link.Split("token=")[1]), new("Input.DisplayName", "Second Use"),
            new("Input.Password", TestApp.Password), new("Input.ConfirmPassword", TestApp.Password),
        };
        var reuse = await second.PostAsync(link, fields);
        Assert.That(reuse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_user WHERE email = @email", new { email }), Is.EqualTo(1));
        Assert.That((await second.GetAsync("/")).LocationPath, Is.EqualTo("/Account/Login"));
    }

    [Test]
    public async Task An_invitation_lasts_seven_days()
    {
        var fresh = await InviteAsync(_world.Admin, NewAddress(), Roles.Observer);
        var stale = await InviteAsync(_world.Admin, NewAddress(), Roles.Observer);
        using var browser = _world.App.NewBrowser();

        _world.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5));
        Assert.That((await browser.GetPageAsync(fresh)).Text("main h1"), Is.EqualTo("Welcome"), "still valid just before 7 days");
        Assert.That((await AcceptAsync(browser, fresh)).Location, Is.EqualTo("/"));

        _world.Clock.Advance(TimeSpan.FromMinutes(10));
        using var late = _world.App.NewBrowser();
        var expired = await late.GetPageAsync(stale);
        Assert.That(expired.Text("main h1"), Is.EqualTo("This invitation cannot be used"));
        // Signed in now: the admin's earlier session has expired too (cookies use the same clock).
        using var admin = await _world.App.SignInAsync(_world.Admin.Email);
        var users = await admin.GetPageAsync("/Admin/Users");
        Assert.That(users.Body, Does.Contain("Expired"));
    }

    [Test]
    public async Task A_withdrawn_or_replaced_invitation_no_longer_works()
    {
        var email = NewAddress();
        var first = await InviteAsync(_world.Admin, email, Roles.Observer);
        var second = await InviteAsync(_world.Admin, email, Roles.Leader);
        using var browser = _world.App.NewBrowser();
        Assert.That((await browser.GetPageAsync(first)).Text("main h1"), Is.EqualTo("This invitation cannot be used"), "replaced by the newer one");

        var list = await _world.Admin.Browser.GetPageAsync("/Admin/Users");
        var form = list.Document.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .Single(f => f.TextContent.Contains(email));
        var withdrawn = await _world.Admin.Browser.PostAsync(list.ActionOf(form), PageResponse.FieldsOf(form));
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await browser.GetPageAsync(second)).Text("main h1"), Is.EqualTo("This invitation cannot be used"));
    }

    [Test]
    public async Task Only_an_Administrator_may_invite_an_Administrator()
    {
        var page = await _world.Organiser.Browser.GetPageAsync("/Admin/Users/Invite");
        Assert.That(page.Document.QuerySelectorAll("select[name='Input.Role'] option").Select(o => o.GetAttribute("value")), Does.Not.Contain(Roles.Administrator));

        var email = NewAddress();
        var response = await page.SubmitAsync(_world.Organiser.Browser, new() { ["Input.Email"] = email, ["Input.Role"] = Roles.Administrator });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError("Input.Role"), Is.EqualTo("Only an Administrator can invite another Administrator."));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_invitation WHERE email = @email", new { email }), Is.Zero);
    }

    public static IEnumerable<TestCaseData> BadInvitations()
    {
        yield return new TestCaseData("", Roles.Leader, "Input.Email", "Enter the e-mail address to invite.").SetName("Invite without an address");
        yield return new TestCaseData("not an address", Roles.Leader, "Input.Email", "Enter an e-mail address like name@example.org.").SetName("Invite to a malformed address");
        yield return new TestCaseData(new string('a', 250) + "@example.org", Roles.Leader, "Input.Email", "Use at most 254 characters for the e-mail address.").SetName("Invite to a 262-character address");
        yield return new TestCaseData("organiser@example.org", Roles.Leader, "Input.Email", "Someone already has an account with this e-mail address.").SetName("Invite an existing user");
        yield return new TestCaseData("wizard@example.org", "Wizard", "Input.Role", "Choose one of the roles in the list.").SetName("Invite with an unknown role");
        yield return new TestCaseData("wizard@example.org", "", "Input.Role", "Choose a role.").SetName("Invite without a role");
    }

    [TestCaseSource(nameof(BadInvitations))]
    public async Task Invitation_fields_are_checked_beside_each_field(string email, string role, string field, string message)
    {
        var before = await _world.CountAsync("SELECT COUNT(*) FROM platform_invitation");
        var response = await _world.Admin.Browser.SubmitAsync("/Admin/Users/Invite", new() { ["Input.Email"] = email, ["Input.Role"] = role });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError(field), Is.EqualTo(message));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_invitation"), Is.EqualTo(before));
    }

    [Test]
    public async Task Accepting_checks_each_field_and_keeps_the_invitation_usable()
    {
        var email = NewAddress();
        var link = await InviteAsync(_world.Admin, email, Roles.Leader);
        using var browser = _world.App.NewBrowser();

        var longName = await AcceptAsync(browser, link, new string('n', 101));
        var noName = await AcceptAsync(browser, link, "");
        var mismatch = await AcceptAsync(browser, link, "Nell", TestApp.Password, TestApp.Password + "?");
        var shortPassword = await AcceptAsync(browser, link, "Nell", "short");

        Assert.That(longName.FieldError("Input.DisplayName"), Is.EqualTo("Use at most 100 characters for your name."));
        Assert.That(noName.FieldError("Input.DisplayName"), Is.EqualTo("Enter your name."));
        Assert.That(mismatch.FieldError("Input.ConfirmPassword"), Is.EqualTo("The two passwords are not the same."));
        Assert.That(shortPassword.FieldError("Input.Password"), Is.EqualTo("Use at least 12 characters."));
        Assert.That((await AcceptAsync(browser, link, "Nell")).Location, Is.EqualTo("/"));
    }

    [TestCase("")]
    [TestCase("nonsense")]
    public async Task A_made_up_link_explains_itself(string token)
    {
        using var browser = _world.App.NewBrowser();
        var page = await browser.GetPageAsync($"/Account/AcceptInvitation?token={token}{(token == "nonsense" ? new string('x', 5000) : "")}");
        Assert.That(page.Text("main h1"), Is.EqualTo("This invitation cannot be used"));
        Assert.That(page.Body, Does.Contain(AcceptInvitation.InvalidInvitation.Split(',')[0]));
    }
}
