using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dapper;
using netDumbster.smtp;
using Organising.Platform.Areas.Account.Pages;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>Forgotten passwords: an e-mailed link (an .eml in the outbox when no SMTP is set), used once.</summary>
public sealed partial class PasswordResetTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [GeneratedRegex(@"http://localhost(/Account/ResetPassword\?user=[0-9a-f-]+&token=\S+)")]
    private static partial Regex ResetLink();

    private async Task<PageResponse> AskForResetAsync(Browser browser, string email) =>
        await browser.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });

    private string LinkFromOutbox(string email)
    {
        var message = _world.App.OutboxMessages().Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        return ResetLink().Match(message.TextBody ?? "").Groups[1].Value;
    }

    [Test]
    public async Task The_emailed_link_sets_a_new_password_once_and_signs_out_old_sessions()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        using var oldSession = await _world.App.SignInAsync(email);
        using var browser = _world.App.NewBrowser();

        var asked = await AskForResetAsync(browser, email);
        Assert.That(asked.Text(".alert-info"), Does.StartWith("If an account uses that address"));
        var link = LinkFromOutbox(email);
        Assert.That(link, Is.Not.Empty, "the .eml holds the link");

        const string newPassword = "a brand new passphrase here";
        var reset = await browser.SubmitAsync(link, new() { ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword });
        Assert.That(reset.Location, Is.EqualTo("/Account/Login"));

        Assert.That((await oldSession.GetAsync("/")).LocationPath, Is.EqualTo("/Account/Login"), "the old session ends");
        using var withOld = _world.App.NewBrowser();
        Assert.That((await withOld.SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestApp.Password })).FormError,
            Is.EqualTo(SignIn.WrongCredentials));
        using var withNew = await _world.App.SignInAsync(email, newPassword);

        var again = await browser.SubmitAsync(link, new() { ["Input.Password"] = "yet another passphrase", ["Input.ConfirmPassword"] = "yet another passphrase" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.FormError, Is.EqualTo(ResetPassword.InvalidLink));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_message WHERE recipient = @email AND transport = 'pickup' AND status = 'sent'", new { email }), Is.EqualTo(1));
        Assert.That(id, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task An_unknown_or_disabled_address_gets_the_same_answer_and_no_email()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        await using (var connection = _world.App.OpenDatabase())
        {
            await connection.ExecuteAsync("UPDATE platform_user SET is_disabled = 1 WHERE id = @id", new { id = id.ToString() });
        }
        var before = _world.App.OutboxMessages().Count;
        using var browser = _world.App.NewBrowser();

        var unknown = await AskForResetAsync(browser, "nobody.here@example.org");
        var disabled = await AskForResetAsync(browser, email);

        Assert.That(unknown.Text(".alert-info"), Does.StartWith("If an account uses that address"));
        Assert.That(disabled.Text(".alert-info"), Is.EqualTo(unknown.Text(".alert-info")));
        Assert.That(_world.App.OutboxMessages(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task A_reset_lifts_a_lockout()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Volunteer);
        await using var connection = _world.App.OpenDatabase();
        await connection.ExecuteAsync("UPDATE platform_user SET lockout_end = @end, access_failed_count = 5 WHERE id = @id",
            new { end = DateTimeOffset.UtcNow.AddMinutes(15), id = id.ToString() });
        using var browser = _world.App.NewBrowser();
        await AskForResetAsync(browser, email);
        const string newPassword = "unlocked by my mailbox";
        await browser.SubmitAsync(LinkFromOutbox(email), new() { ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword });

        using var signedIn = await _world.App.SignInAsync(email, newPassword);
        Assert.That((await signedIn.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    public static IEnumerable<TestCaseData> BrokenLinks()
    {
        yield return new TestCaseData("user={user}&token=not-a-real-token").SetName("Reset with a made-up token");
        yield return new TestCaseData("user=00000000-0000-0000-0000-000000000001&token=abc").SetName("Reset for an unknown user");
        yield return new TestCaseData("user=not-a-guid&token=abc").SetName("Reset with a malformed user id");
        yield return new TestCaseData("user={user}&token=" + new string('t', 3000)).SetName("Reset with a 3000-character token");
        yield return new TestCaseData("").SetName("Reset with no link at all");
    }

    [TestCaseSource(nameof(BrokenLinks))]
    public async Task A_broken_link_says_so_at_the_top_of_the_form_and_changes_nothing(string query)
    {
        var (id, email) = await _world.NewUserAsync(Roles.Observer);
        using var browser = _world.App.NewBrowser();
        var url = "/Account/ResetPassword?" + query.Replace("{user}", id.ToString());
        var page = await browser.GetPageAsync(url);
        // Post as the page's form would, with the link's values in the hidden fields as the browser saw them in the URL.
        var fields = PageResponse.FieldsOf(page.Form()).Where(f => !f.Key.StartsWith("Input.", StringComparison.Ordinal)).ToList();
        var parsed = System.Web.HttpUtility.ParseQueryString(query.Replace("{user}", id.ToString()));
        fields.Add(new("Input.UserId", parsed["user"] ?? ""));
        fields.Add(new("Input.Token", parsed["token"] ?? ""));
        fields.Add(new("Input.Password", "a perfectly good passphrase"));
        fields.Add(new("Input.ConfirmPassword", "a perfectly good passphrase"));

        var response = await browser.PostAsync(url, fields);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FormError, Is.EqualTo(ResetPassword.InvalidLink));
        Assert.That(response.Document.QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0), Is.Empty,
            "no message hides beside a hidden field");
        using var stillOld = await _world.App.SignInAsync(email);
    }

    [Test]
    public async Task New_passwords_are_checked_beside_their_fields()
    {
        var (_, email) = await _world.NewUserAsync(Roles.Observer);
        using var browser = _world.App.NewBrowser();
        await AskForResetAsync(browser, email);
        var link = LinkFromOutbox(email);

        var tooShort = await browser.SubmitAsync(link, new() { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" });
        var different = await browser.SubmitAsync(link, new() { ["Input.Password"] = "one long passphrase", ["Input.ConfirmPassword"] = "another long one" });
        var tooLong = await browser.SubmitAsync(link, new() { ["Input.Password"] = new string('x', 129), ["Input.ConfirmPassword"] = new string('x', 129) });

        Assert.That(tooShort.FieldError("Input.Password"), Is.EqualTo("Use at least 12 characters."));
        Assert.That(different.FieldError("Input.ConfirmPassword"), Is.EqualTo("The two passwords are not the same."));
        Assert.That(tooLong.FieldError("Input.Password"), Is.EqualTo("Use at most 128 characters for the password."));
        using var stillOld = await _world.App.SignInAsync(email);
    }

    [TestCase("", "Enter your e-mail address.")]
    [TestCase("not-an-address", "Enter an e-mail address like name@example.org.")]
    public async Task The_request_form_checks_the_address(string email, string message)
    {
        using var browser = _world.App.NewBrowser();
        var response = await AskForResetAsync(browser, email);
        Assert.That(response.FieldError("Input.Email"), Is.EqualTo(message));
    }

    [Test]
    public async Task An_overlong_address_is_refused_with_a_message()
    {
        using var browser = _world.App.NewBrowser();
        var response = await AskForResetAsync(browser, new string('a', 300) + "@example.org");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError("Input.Email"), Is.Not.Null.And.Not.Empty);
    }
}

/// <summary>With Organising:Smtp configured, mail goes out over SMTP (MailKit) to a real, local test server.</summary>
public sealed class SmtpTests
{
    private SimpleSmtpServer _smtp = null!;
    private PlatformWorld _world = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _port = TestSmtp.FreePort();
        _smtp = SimpleSmtpServer.Start(_port);
        _world = await PlatformWorld.StartAsync(TestSmtp.Settings(_port));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _world.DisposeAsync();
        _smtp.Dispose();
    }

    [Test]
    public async Task A_reset_link_goes_out_over_smtp_and_nothing_lands_in_the_outbox()
    {
        using var browser = _world.App.NewBrowser();
        var response = await browser.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = _world.Leader.Email });

        Assert.That(response.Text(".alert-info"), Does.StartWith("If an account uses that address"));
        Assert.That(_smtp.ReceivedEmailCount, Is.EqualTo(1));
        var mail = _smtp.ReceivedEmail[0];
        Assert.That(mail.ToAddresses.Select(a => a.Address), Is.EqualTo(new[] { _world.Leader.Email }));
        Assert.That(mail.MessageParts[0].BodyData, Does.Contain("/Account/ResetPassword?user="));
        Assert.That(_world.App.OutboxMessages(), Is.Empty);
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_message WHERE transport = 'smtp' AND status = 'sent'"), Is.EqualTo(1));
        var messages = await _world.Admin.Browser.GetPageAsync("/Admin/Messages");
        Assert.That(messages.Body, Does.Contain($"127.0.0.1:{_port}"));
    }

}

/// <summary>SMTP configured but the server is not there: refusals with a message, and nothing half-saved.</summary>
public sealed class SmtpDownTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await PlatformWorld.StartAsync(TestSmtp.Settings(TestSmtp.FreePort())); // nothing listens there
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [Test]
    public async Task An_invitation_that_cannot_be_sent_is_refused_with_a_message_and_not_saved()
    {
        var response = await _world.Admin.Browser.SubmitAsync("/Admin/Users/Invite", new() { ["Input.Email"] = "unsent@example.org", ["Input.Role"] = Roles.Leader });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FormError, Does.Contain("The e-mail could not be sent").And.Contain("The invitation was not saved"));
        // The unit of work rolled back the invitation row written before the e-mail failed.
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_invitation WHERE email = 'unsent@example.org'"), Is.Zero);

        using var browser = _world.App.NewBrowser();
        var reset = await browser.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = _world.Observer.Email });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reset.FormError, Does.Contain("Please try again later"));
    }
}
