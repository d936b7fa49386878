using System.Net;
using Organising.Platform.Audit;

namespace Organising.Platform.Tests;

/// <summary>/Admin/Settings: the organisation's name, time zone and language.</summary>
public sealed class SettingsTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private Task<PageResponse> SaveAsync(string? name = null, string? zone = null, string? language = null)
    {
        var values = new Dictionary<string, string?>();
        if (name is not null) values["Input.Name"] = name;
        if (zone is not null) values["Input.TimeZoneId"] = zone;
        if (language is not null) values["Input.DefaultLanguage"] = language;
        return _world.Admin.Browser.SubmitAsync("/Admin/Settings", values);
    }

    [Test]
    public async Task Saved_settings_show_everywhere_at_once_and_are_audited()
    {
        var saved = await SaveAsync("Riverside Health Organisers", "Europe/Dublin", "cy-GB");
        Assert.That(saved.Location, Is.EqualTo("/Admin/Settings"));

        var page = await _world.Admin.Browser.FollowAsync(saved);
        Assert.That(page.Text(".alert-success"), Is.EqualTo("Settings saved."));
        Assert.That(page.Text(".navbar-brand"), Is.EqualTo("Riverside Health Organisers"));
        Assert.That(page.Document.QuerySelector("select[name='Input.TimeZoneId'] option[selected]")?.GetAttribute("value"), Is.EqualTo("Europe/Dublin"));
        Assert.That(page.Document.QuerySelector("select[name='Input.DefaultLanguage'] option[selected]")?.GetAttribute("value"), Is.EqualTo("cy-GB"));
        Assert.That((await _world.Volunteer.Browser.GetPageAsync("/")).Text(".navbar-brand"), Is.EqualTo("Riverside Health Organisers"));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind", new { kind = AuditKinds.SettingsChanged }), Is.GreaterThanOrEqualTo(1));
    }

    public static IEnumerable<TestCaseData> BadSettings()
    {
        yield return new TestCaseData("", null, null, "Input.Name", "Enter the organisation's name.").SetName("Settings without a name");
        yield return new TestCaseData(new string('n', 121), null, null, "Input.Name", "Use at most 120 characters for the name.").SetName("Settings with a 121-character name");
        yield return new TestCaseData(null, "Mars/Olympus_Mons", null, "Input.TimeZoneId", "Choose a time zone from the list.").SetName("Settings with an unknown time zone");
        yield return new TestCaseData(null, new string('z', 500), null, "Input.TimeZoneId", "Choose a time zone from the list.").SetName("Settings with a 500-character time zone");
        yield return new TestCaseData(null, null, "xx", "Input.DefaultLanguage", "Choose a language from the list.").SetName("Settings with an unknown language");
        yield return new TestCaseData(null, null, "", "Input.DefaultLanguage", "Choose a language.").SetName("Settings without a language");
    }

    [TestCaseSource(nameof(BadSettings))]
    public async Task Each_setting_is_checked_beside_its_field(string? name, string? zone, string? language, string field, string message)
    {
        var response = await SaveAsync(name, zone, language);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError(field), Is.EqualTo(message));
    }
}
