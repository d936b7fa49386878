using System.Net;
using Dapper;
using Organising.Platform.Areas.Account.Pages;
using Organising.Platform.Audit;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>Sign-in, wrong passwords, lockout, sign-out, and the auth cookie.</summary>
public sealed class SignInTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private async Task<PageResponse> TryAsync(Browser browser, string email, string password, string? url = "/Account/Login") =>
        await browser.SubmitAsync(url!, new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private async Task<long> AuditCountAsync(Guid userId, string kind) =>
        await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE subject_id = @id AND kind = @kind", new { id = userId.ToString(), kind });

    [Test]
    public async Task The_right_password_signs_in_records_the_time_and_audits_it()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        using var browser = _world.App.NewBrowser();

        var response = await TryAsync(browser, email, TestApp.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Location, Is.EqualTo("/"));
        Assert.That((await browser.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_user WHERE id = @id AND last_sign_in_at IS NOT NULL", new { id = id.ToString() }), Is.EqualTo(1));
        Assert.That(await AuditCountAsync(id, AuditKinds.SignIn), Is.EqualTo(1));
    }

    [Test]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_message()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        using var browser = _world.App.NewBrowser();

        var wrong = await TryAsync(browser, email, "not the password at all");
        var unknown = await TryAsync(browser, "nobody@example.org", "not the password at all");

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(wrong.FormError, Is.EqualTo(SignIn.WrongCredentials));
        Assert.That(unknown.FormError, Is.EqualTo(SignIn.WrongCredentials));
        // The failure is recorded (it is not rolled back with the refusal).
        Assert.That(await _world.CountAsync("SELECT access_failed_count FROM platform_user WHERE id = @id", new { id = id.ToString() }), Is.EqualTo(1));
        Assert.That(await AuditCountAsync(id, AuditKinds.SignInFailed), Is.EqualTo(1));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Volunteer);
        using var browser = _world.App.NewBrowser();

        for (var i = 1; i <= 4; i++)
        {
            Assert.That((await TryAsync(browser, email, $"wrong password {i}")).FormError, Is.EqualTo(SignIn.WrongCredentials), $"try {i}");
        }
        var fifth = await TryAsync(browser, email, "wrong password 5");
        var rightButLocked = await TryAsync(browser, email, TestApp.Password);

        Assert.That(fifth.FormError, Is.EqualTo(SignIn.LockedOut));
        Assert.That(rightButLocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rightButLocked.FormError, Is.EqualTo(SignIn.LockedOut));
        Assert.That((await browser.GetAsync("/")).LocationPath, Is.EqualTo("/Account/Login"), "not signed in");

        await using var connection = _world.App.OpenDatabase();
        var lockoutEnd = DateTimeOffset.Parse(await connection.ExecuteScalarAsync<string>("SELECT lockout_end FROM platform_user WHERE id = @id", new { id = id.ToString() }) ?? "");
        Assert.That(lockoutEnd - DateTimeOffset.UtcNow, Is.InRange(TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15)));
        Assert.That(await AuditCountAsync(id, AuditKinds.LockedOut), Is.EqualTo(2));
        Assert.That(await AuditCountAsync(id, AuditKinds.SignInFailed), Is.EqualTo(4));

        // The admin list says so.
        var users = await _world.Admin.Browser.GetPageAsync($"/Admin/Users?q={Uri.EscapeDataString(email)}");
        Assert.That(users.Body, Does.Contain("Locked (wrong passwords)"));

        // Fifteen minutes later (Identity reads the system clock, so the lockout is moved back instead).
        await connection.ExecuteAsync("UPDATE platform_user SET lockout_end = @end WHERE id = @id",
            new { end = DateTimeOffset.UtcNow.AddSeconds(-1), id = id.ToString() });
        var later = await TryAsync(browser, email, TestApp.Password);
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT access_failed_count FROM platform_user WHERE id = @id", new { id = id.ToString() }), Is.Zero);
    }

    [Test]
    public async Task A_disabled_account_cannot_sign_in_with_its_password()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        await using (var connection = _world.App.OpenDatabase())
        {
            await connection.ExecuteAsync("UPDATE platform_user SET is_disabled = 1 WHERE id = @id", new { id = id.ToString() });
        }
        using var browser = _world.App.NewBrowser();
        var response = await TryAsync(browser, email, TestApp.Password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FormError, Is.EqualTo(SignIn.WrongCredentials));
        Assert.That(await AuditCountAsync(id, AuditKinds.SignIn), Is.Zero);
    }

    [TestCase("/Admin/Users", "/Admin/Users")]
    [TestCase("https://evil.example.com/", "/")]
    [TestCase("//evil.example.com/", "/")]
    [TestCase("/\\evil.example.com", "/")]
    public async Task After_sign_in_only_local_return_addresses_are_followed(string returnUrl, string expected)
    {
        using var browser = _world.App.NewBrowser();
        var response = await TryAsync(browser, _world.Organiser.Email, TestApp.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Location, Is.EqualTo(expected));
    }

    public static IEnumerable<TestCaseData> BadSignIns()
    {
        yield return new TestCaseData("", TestApp.Password, "Input.Email", "Enter your e-mail address.").SetName("Sign-in without an e-mail");
        yield return new TestCaseData("a@example.org", "", "Input.Password", "Enter your password.").SetName("Sign-in without a password");
        yield return new TestCaseData(new string('e', 250) + "@example.org", TestApp.Password, "Input.Email", "Use at most 254 characters for the e-mail address.").SetName("Sign-in with a 262-character e-mail");
        yield return new TestCaseData("a@example.org", new string('p', 129), "Input.Password", "Use at most 128 characters for the password.").SetName("Sign-in with a 129-character password");
    }

    [TestCaseSource(nameof(BadSignIns))]
    public async Task Sign_in_fields_are_checked_on_the_server(string email, string password, string field, string message)
    {
        using var browser = _world.App.NewBrowser();
        var response = await TryAsync(browser, email, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError(field), Is.EqualTo(message));
    }

    [Test]
    public async Task Signing_out_ends_the_session()
    {
        var (_, email) = await _world.NewUserAsync(Roles.Observer);
        using var browser = await _world.App.SignInAsync(email);
        var logout = await browser.SubmitAsync("/Account/Logout");
        Assert.That(logout.Location, Is.EqualTo("/Account/Login"));
        Assert.That((await browser.GetAsync("/")).LocationPath, Is.EqualTo("/Account/Login"));
    }

    [Test]
    public async Task A_tampered_auth_cookie_means_signed_out()
    {
        var (_, email) = await _world.NewUserAsync(Roles.Leader);
        using var browser = _world.App.NewBrowser();
        var signedIn = await TryAsync(browser, email, TestApp.Password);
        var setCookie = signedIn.Header("Set-Cookie") ?? "";
        var start = setCookie.IndexOf("organising.auth=", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the sign-in sets the auth cookie");
        var value = setCookie[(start + "organising.auth=".Length)..].Split(';')[0];

        using var genuine = _world.App.NewCookielessClient();
        using var tampered = _world.App.NewCookielessClient();
        var middle = value.Length / 2;
        var flipped = value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];
        genuine.DefaultRequestHeaders.Add("Cookie", $"organising.auth={value}");
        tampered.DefaultRequestHeaders.Add("Cookie", $"organising.auth={flipped}");

        using var ok = await genuine.GetAsync("/");
        using var refused = await tampered.GetAsync("/");
        using var garbage = await NewClientWithCookieAsync("organising.auth=%%%not-base64%%%");

        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(refused.Headers.Location?.AbsolutePath, Is.EqualTo("/Account/Login"));
        Assert.That(garbage.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    private async Task<HttpResponseMessage> NewClientWithCookieAsync(string cookie)
    {
        using var client = _world.App.NewCookielessClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return await client.GetAsync("/Admin/Users");
    }
}
