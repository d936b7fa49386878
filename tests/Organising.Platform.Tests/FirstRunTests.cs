using System.Net;
using Organising.Platform.Audit;

namespace Organising.Platform.Tests;

/// <summary>A fresh install with no user: everything leads to /setup, and nothing else is reachable.</summary>
public sealed class FirstRunTests
{
    private TestApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = TestApp.Start();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [TestCase("/")]
    [TestCase("/Admin/Users")]
    [TestCase("/Admin/Settings?x=1")]
    [TestCase("/Account/Login")]
    [TestCase("/Account/ForgotPassword")]
    [TestCase("/Networks/People")]
    [TestCase("/no/such/page")]
    [TestCase("/Status/404")]
    public async Task Every_page_redirects_to_setup_while_no_user_exists(string url)
    {
        using var browser = _app.NewBrowser();
        var response = await browser.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Location, Is.EqualTo("/setup"));
    }

    [Test]
    public async Task Healthz_is_not_redirected()
    {
        using var browser = _app.NewBrowser();
        var response = await browser.GetAsync("/healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Setup_without_an_antiforgery_token_is_400_not_a_redirect_to_itself()
    {
        using var browser = _app.NewBrowser();
        var response = await browser.PostAsync("/setup", [new("Input.DisplayName", "Eve"), new("Input.Email", "eve@example.org"),
            new("Input.Password", TestApp.Password), new("Input.ConfirmPassword", TestApp.Password)]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Text("main h1"), Is.EqualTo("That request could not be used"));
        Assert.That(await CountUsersAsync(), Is.Zero);
    }

    public static IEnumerable<TestCaseData> BadSetups()
    {
        TestCaseData Case(string name, string field, string message, string? displayName = "Ada", string? email = "ada@example.org",
            string? password = TestApp.Password, string? confirm = TestApp.Password) =>
            new TestCaseData(new Dictionary<string, string?>
            {
                ["Input.DisplayName"] = displayName, ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm,
            }, field, message).SetName($"Setup refuses {name}");

        yield return Case("an empty name", "Input.DisplayName", "Enter your name.", displayName: "");
        yield return Case("a 101-character name", "Input.DisplayName", "Use at most 100 characters for your name.", displayName: new string('a', 101));
        yield return Case("a malformed e-mail", "Input.Email", "Enter an e-mail address like name@example.org.", email: "not an address");
        yield return Case("a 300-character e-mail", "Input.Email", "Use at most 254 characters for the e-mail address.", email: new string('a', 290) + "@example.org");
        yield return Case("a short password", "Input.Password", "Use at least 12 characters.", password: "short", confirm: "short");
        yield return Case("a 129-character password", "Input.Password", "Use at most 128 characters for the password.", password: new string('x', 129), confirm: new string('x', 129));
        yield return Case("passwords that differ", "Input.ConfirmPassword", "The two passwords are not the same.", confirm: TestApp.Password + "!");
        yield return Case("a missing password field", "Input.Password", "Choose a password.", password: null);
    }

    [TestCaseSource(nameof(BadSetups))]
    public async Task Setup_shows_each_problem_beside_its_field_and_creates_nobody(Dictionary<string, string?> values, string field, string message)
    {
        using var browser = _app.NewBrowser();
        var response = await browser.SubmitAsync("/setup", values);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError(field), Does.Contain(message));
        Assert.That(await CountUsersAsync(), Is.Zero);
    }

    private async Task<long> CountUsersAsync()
    {
        await using var connection = _app.OpenDatabase();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM platform_user");
    }
}

/// <summary>Setup done once: the first Administrator exists, is signed in, and /setup is gone.</summary>
public sealed class SetupTests
{
    private TestApp _app = null!;
    private Browser _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = TestApp.Start();
        _admin = await _app.SetUpAdministratorAsync("first@example.org", "First Admin");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task The_first_user_is_a_signed_in_Administrator_and_setup_is_audited()
    {
        var home = await _admin.GetAsync("/Admin/Settings");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using var connection = _app.OpenDatabase();
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT role FROM platform_user WHERE email = 'first@example.org'"), Is.EqualTo("Administrator"));
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM platform_audit WHERE kind = @kind", new { kind = AuditKinds.Setup }), Is.EqualTo(1));
    }

    [Test]
    public async Task Setup_is_404_once_a_user_exists_for_everyone()
    {
        using var anonymous = _app.NewBrowser();
        Assert.That((await anonymous.GetAsync("/setup")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _admin.GetAsync("/setup")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_second_setup_post_creates_no_one()
    {
        using var anonymous = _app.NewBrowser();
        var login = await anonymous.GetPageAsync("/Account/Login");
        var token = login.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await anonymous.PostAsync("/setup", [new("__RequestVerificationToken", token), new("Input.DisplayName", "Mallory"),
            new("Input.Email", "mallory@example.org"), new("Input.Password", TestApp.Password), new("Input.ConfirmPassword", TestApp.Password)]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await using var connection = _app.OpenDatabase();
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM platform_user"), Is.EqualTo(1));
    }

    [Test]
    public async Task Anonymous_visitors_are_sent_to_sign_in_not_setup()
    {
        using var anonymous = _app.NewBrowser();
        var response = await anonymous.GetAsync("/");
        Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"));
    }
}
