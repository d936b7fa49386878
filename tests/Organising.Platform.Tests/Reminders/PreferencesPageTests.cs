using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Organising.Platform.Reminders;

namespace Organising.Platform.Tests.Reminders;

/// <summary>/Me/Reminders: each kind on or off and how long before, quiet hours, and what the outbox does with them.</summary>
public sealed partial class PreferencesPageTests
{
    private const string Url = "/Me/Reminders";
    private const int TwoDays = 2 * 24 * 60, OneDay = 24 * 60, TwoHours = 120, OneHour = 60, OneWeek = 7 * 24 * 60;

    /// <summary>A winter noon: London is on GMT, and far from the default quiet hours.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync(services: TestingModule.AddTo);

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [SetUp]
    public void DaytimeClock() => _world.Clock.SetNow(Noon);

    /// <summary>The index of a kind's fields on the page ("Input.Kinds[1]…").</summary>
    private static int IndexOf(PageResponse page, string kind)
    {
        var hidden = page.Document.QuerySelectorAll("input[type=hidden]").First(i => i.GetAttribute("value") == kind && i.GetAttribute("name")!.EndsWith(".Kind"));
        return int.Parse(KindIndex().Match(hidden.GetAttribute("name")!).Groups[1].Value);
    }

    [GeneratedRegex(@"Input\.Kinds\[(\d+)\]\.Kind")]
    private static partial Regex KindIndex();

    private static IReadOnlyList<int> TickedLeads(PageResponse page, int index) =>
        page.Document.QuerySelectorAll($"input[type=checkbox][name='Input.Kinds[{index}].LeadMinutes']")
            .Where(i => i.HasAttribute("checked")).Select(i => int.Parse(i.GetAttribute("value")!)).ToList();

    private static bool IsOn(PageResponse page, int index) =>
        page.Document.QuerySelector($"input[type=checkbox][name='Input.Kinds[{index}].Enabled']")!.HasAttribute("checked");

    /// <summary>Posts the page's form with one kind's choice changed (and any other fields given).</summary>
    private static async Task<PageResponse> SaveAsync(Browser browser, string kind, bool? enabled = null, int[]? leads = null, Dictionary<string, string?>? values = null)
    {
        var page = await browser.GetPageAsync(Url);
        var index = IndexOf(page, kind);
        values ??= [];
        if (enabled is { } on) values[$"Input.Kinds[{index}].Enabled"] = on ? "true" : "false";
        var extra = new List<KeyValuePair<string, string>>();
        if (leads is not null)
        {
            values[$"Input.Kinds[{index}].LeadMinutes"] = null;
            extra.AddRange(leads.Select(m => new KeyValuePair<string, string>($"Input.Kinds[{index}].LeadMinutes", m.ToString())));
        }
        return await page.SubmitAsync(browser, values, extra: extra);
    }

    [Test]
    public async Task The_page_shows_each_kind_with_its_defaults_and_the_default_quiet_hours()
    {
        var (browser, _, _) = await Outbox.NewPersonWithAccountAsync(_world, "Amina Default");
        using var _b = browser;

        var page = await browser.GetPageAsync(Url);

        // Every module's kinds, in name order: the test module's among them (the app's own modules declare theirs too).
        Assert.That(page.Texts("fieldset.reminder-kind > legend"), Is.Ordered.And.SupersetOf(new[] { "Test follow-ups", "Test visits" }));
        var visit = IndexOf(page, TestingModule.Visit.Id);
        var followUp = IndexOf(page, TestingModule.FollowUp.Id);
        Assert.That(IsOn(page, visit) && IsOn(page, followUp), Is.True);
        Assert.That(TickedLeads(page, visit), Is.EquivalentTo(new[] { TwoDays, TwoHours }));
        Assert.That(page.Document.QuerySelectorAll($"input[name='Input.Kinds[{visit}].LeadMinutes']").Select(i => i.GetAttribute("value")),
            Is.EqualTo(LeadTime.Choices.Select(c => ((int)c.TotalMinutes).ToString())), "every choice offered, longest first");
        Assert.That(page.Document.QuerySelectorAll($"input[name='Input.Kinds[{followUp}].LeadMinutes']"), Is.Empty, "a reminder at a set time has no before");
        Assert.That(page.Document.QuerySelector("#Input_QuietEnabled")!.HasAttribute("checked"), Is.True);
        Assert.That(page.Document.QuerySelector("#Input_QuietStarts")!.GetAttribute("value"), Is.EqualTo("21:00"));
        Assert.That(page.Document.QuerySelector("#Input_QuietEnds")!.GetAttribute("value"), Is.EqualTo("08:00"));
        Assert.That(page.Text("#quiet-hint"), Does.Contain("overnight"));
    }

    [Test]
    public async Task Saved_choices_are_stored_and_shown_again()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Bilal Chooser");
        using var _b = browser;

        var saved = await SaveAsync(browser, TestingModule.Visit.Id, enabled: false, leads: [OneWeek, OneHour], values: new()
        {
            ["Input.QuietStarts"] = "22:30", ["Input.QuietEnds"] = "07:00",
        });

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(saved.Location, Is.EqualTo(Url));
        var page = await browser.FollowAsync(saved);
        Assert.That(page.Text(".alert-success"), Is.EqualTo("Your reminder choices are saved."));
        var visit = IndexOf(page, TestingModule.Visit.Id);
        Assert.That(IsOn(page, visit), Is.False);
        Assert.That(IsOn(page, IndexOf(page, TestingModule.FollowUp.Id)), Is.True);
        Assert.That(TickedLeads(page, visit), Is.EquivalentTo(new[] { OneWeek, OneHour }));
        Assert.That(page.Document.QuerySelector("#Input_QuietStarts")!.GetAttribute("value"), Is.EqualTo("22:30"));
        Assert.That(page.Document.QuerySelector("#Input_QuietEnds")!.GetAttribute("value"), Is.EqualTo("07:00"));

        await using var db = _world.App.OpenDatabase();
        var stored = await db.QuerySingleAsync<(long Enabled, string LeadMinutes)>(
            "SELECT enabled, lead_minutes FROM platform_reminder_preference WHERE person_id = @personId AND kind = @kind",
            new { personId = personId.ToString(), kind = TestingModule.Visit.Id });
        Assert.That(stored, Is.EqualTo((0L, $"[{OneWeek},{OneHour}]")));
        var quiet = await db.QuerySingleAsync<(long Enabled, string Starts, string Ends)>(
            "SELECT enabled, starts, ends FROM platform_reminder_quiet_hours WHERE person_id = @personId", new { personId = personId.ToString() });
        Assert.That(quiet, Is.EqualTo((1L, "22:30", "07:00")));
    }

    [Test]
    public async Task Quiet_hours_can_be_turned_off()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Chen Nightowl");
        using var _b = browser;

        var saved = await browser.SubmitAsync(Url, new() { ["Input.QuietEnabled"] = "false" });

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var page = await browser.FollowAsync(saved);
        Assert.That(page.Document.QuerySelector("#Input_QuietEnabled")!.HasAttribute("checked"), Is.False);
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_quiet_hours WHERE person_id = @personId AND enabled = 0",
            new { personId = personId.ToString() }), Is.EqualTo(1));
    }

    public static IEnumerable<TestCaseData> BadQuietHours()
    {
        yield return new TestCaseData("21:00", "21:00", "Input.QuietEnds", "Quiet hours must end at a different time from when they start.").SetName("Quiet hours that end when they start");
        yield return new TestCaseData("06:00", "23:00", "Input.QuietEnds", "Quiet hours can last at most 16 hours, so reminders still have time to go out.").SetName("Quiet hours of 17 hours");
        yield return new TestCaseData("20:00", "14:00", "Input.QuietEnds", "Quiet hours can last at most 16 hours, so reminders still have time to go out.").SetName("Overnight quiet hours of 18 hours");
        yield return new TestCaseData("9pm", "08:00", "Input.QuietStarts", "Enter the time quiet hours start on the 24-hour clock, like 21:00.").SetName("Quiet hours starting at 9pm");
        yield return new TestCaseData("21:00", "25:00", "Input.QuietEnds", "Enter the time quiet hours end on the 24-hour clock, like 08:00.").SetName("Quiet hours ending at 25:00");
        yield return new TestCaseData("", "08:00", "Input.QuietStarts", "Enter the time quiet hours start on the 24-hour clock, like 21:00.").SetName("Quiet hours without a start");
    }

    [TestCaseSource(nameof(BadQuietHours))]
    public async Task Quiet_hours_are_checked_beside_their_fields_and_what_was_typed_is_kept(string starts, string ends, string field, string message)
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Dara Typist");
        using var _b = browser;

        var response = await SaveAsync(browser, TestingModule.Visit.Id, enabled: false, leads: [OneDay], values: new()
        {
            ["Input.QuietStarts"] = starts, ["Input.QuietEnds"] = ends,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError(field), Is.EqualTo(message));
        Assert.That(response.Document.QuerySelector($"#error-summary a[href='#{field.Replace('.', '_')}']")?.TextContent, Is.EqualTo(message), "the summary links to the field");
        Assert.That(response.Document.QuerySelector("#Input_QuietStarts")!.GetAttribute("value"), Is.EqualTo(starts));
        Assert.That(response.Document.QuerySelector("#Input_QuietEnds")!.GetAttribute("value"), Is.EqualTo(ends));
        var visit = IndexOf(response, TestingModule.Visit.Id);
        Assert.That(IsOn(response, visit), Is.False, "the other choices are kept as typed too");
        Assert.That(TickedLeads(response, visit), Is.EqualTo(new[] { OneDay }));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_preference WHERE person_id = @p", new { p = personId.ToString() }) +
                    await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_quiet_hours WHERE person_id = @p", new { p = personId.ToString() }),
            Is.Zero, "nothing is saved");
    }

    [Test]
    public async Task A_kind_that_is_on_needs_at_least_one_time_and_only_times_offered()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Esi Unticked");
        using var _b = browser;

        var none = await SaveAsync(browser, TestingModule.Visit.Id, enabled: true, leads: [], values: new() { ["Input.QuietStarts"] = "20:15" });
        var index = IndexOf(none, TestingModule.Visit.Id);
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(none.Text($"#Input_Kinds_{index}__LeadMinutes-error"), Is.EqualTo("Test visits: choose at least one time, or turn these reminders off."));
        Assert.That(none.Document.QuerySelector($"#error-summary a[href='#Input_Kinds_{index}__LeadMinutes']"), Is.Not.Null);
        Assert.That(none.Document.QuerySelector($"#Input_Kinds_{index}__LeadMinutes"), Is.Not.Null, "the link lands on the first box");
        Assert.That(none.Document.QuerySelector("#Input_QuietStarts")!.GetAttribute("value"), Is.EqualTo("20:15"));

        var odd = await SaveAsync(browser, TestingModule.Visit.Id, enabled: true, leads: [17]);
        Assert.That(odd.Text($"#Input_Kinds_{index}__LeadMinutes-error"), Is.EqualTo("Choose times from the list."));

        var garbled = await SaveAsync(browser, TestingModule.Visit.Id, values: new() { [$"Input.Kinds[{index}].Enabled"] = "maybe" });
        Assert.That(garbled.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a value no form sends is refused with a message, not a 500");
        Assert.That(garbled.Text("#error-summary"), Is.Not.Empty);

        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_preference WHERE person_id = @p", new { p = personId.ToString() }), Is.Zero);
    }

    [Test]
    public async Task A_kind_turned_off_is_skipped_when_due_with_the_reason()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Femi Quiet");
        using var _b = browser;
        var saved = await SaveAsync(browser, TestingModule.FollowUp.Id, enabled: false);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);

        var key = $"testing.follow-up.{Guid.NewGuid():N}";
        await Outbox.ScheduleAsync(_world, new ReminderRequest(key, personId, TestingModule.FollowUp.Id, _world.Clock.GetUtcNow(), "Follow up with Femi", "Call back."));

        var row = await Outbox.DispatchUntilAsync(_world, $"{key}.at", r => r.Status is not ("pending" or "sending"));
        Assert.That(row?.Status, Is.EqualTo("skipped"));
        Assert.That(row?.Note, Is.EqualTo("They have turned off test follow-ups reminders."));
    }

    [Test]
    public async Task Changing_lead_times_moves_the_reminders_already_scheduled_for_upcoming_events()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Gita Planner");
        using var _b = browser;
        var key = $"testing.visit.{Guid.NewGuid():N}";
        var at = Noon.AddDays(5);
        await Outbox.ScheduleAsync(_world, new ReminderRequest(key, personId, TestingModule.Visit.Id, at, "Visit on Sunday", "See you there."));
        var otherKind = $"testing.follow-up.{Guid.NewGuid():N}";
        await Outbox.ScheduleAsync(_world, new ReminderRequest(otherKind, personId, TestingModule.FollowUp.Id, at, "Follow-up on Sunday", "Call."));
        Assert.That((await Outbox.RowsAsync(_world, key)).Select(r => (r.Key, r.Status)),
            Is.EqualTo(new[] { ($"{key}.2d", "pending"), ($"{key}.2h", "pending") }));

        var saved = await SaveAsync(browser, TestingModule.Visit.Id, leads: [OneDay]);

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That((await browser.FollowAsync(saved)).Text(".alert-success"), Does.Contain("1 upcoming event"));
        var rows = await Outbox.RowsAsync(_world, key);
        Assert.That(rows.Select(r => (r.Key, r.Status)), Is.EqualTo(new[] { ($"{key}.1d", "pending"), ($"{key}.2d", "cancelled"), ($"{key}.2h", "cancelled") }));
        Assert.That(rows[0].DueAt, Is.EqualTo(at.AddDays(-1)));
        Assert.That((await Outbox.RowsAsync(_world, otherKind)).Single().Status, Is.EqualTo("pending"), "another kind's reminders stay as they were");
    }

    [Test]
    public async Task The_default_quiet_hours_hold_a_reminder_due_at_23_00_in_London_until_08_00()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Hana Sleeper");
        using var _b = browser;
        // 22:00 UTC in July is 23:00 in London (BST); quiet hours end at 08:00 BST, 07:00 UTC.
        var elevenPm = new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero);
        _world.Clock.SetNow(elevenPm);
        var key = $"testing.follow-up.{Guid.NewGuid():N}";
        await Outbox.ScheduleAsync(_world, new ReminderRequest(key, personId, TestingModule.FollowUp.Id, elevenPm, "Late follow-up", "Call."));

        var row = await Outbox.DispatchUntilAsync(_world, $"{key}.at", r => r.Note is not null);

        Assert.That(row?.Status, Is.EqualTo("pending"));
        Assert.That(row?.DueAt, Is.EqualTo(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero)));
        Assert.That(row?.Note, Is.EqualTo("Held for quiet hours (21:00 to 08:00) until 2 Jul 08:00."));
    }

    [Test]
    public async Task A_reminder_held_for_quiet_hours_survives_a_change_of_lead_times()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Ines Keeper");
        using var _b = browser;
        var evening = new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
        _world.Clock.SetNow(evening);
        var key = $"testing.visit.{Guid.NewGuid():N}";
        var at = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero); // two days before is 22:00 today, in quiet hours
        await Outbox.ScheduleAsync(_world, new ReminderRequest(key, personId, TestingModule.Visit.Id, at, "Late visit", "See you."));
        _world.Clock.SetNow(at.AddDays(-2).AddMinutes(1));
        var held = await Outbox.DispatchUntilAsync(_world, $"{key}.2d", r => r.Note is not null);
        Assert.That(held?.DueAt, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero)));

        var saved = await SaveAsync(browser, TestingModule.Visit.Id, leads: [TwoDays, OneDay]);

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var rows = await Outbox.RowsAsync(_world, key);
        Assert.That(rows.Select(r => (r.Key, r.Status)), Is.EqualTo(new[] { ($"{key}.1d", "pending"), ($"{key}.2d", "pending"), ($"{key}.2h", "cancelled") }));
        Assert.That(rows[1].DueAt, Is.EqualTo(held!.DueAt), "still held until the quiet hours end, not dropped");
    }

    [Test]
    public async Task Without_a_matching_person_the_page_says_how_to_become_one()
    {
        var (_, email) = await _world.NewUserAsync(Organising.Platform.Identity.Roles.Volunteer);
        using var browser = await _world.App.SignInAsync(email);

        var page = await browser.GetPageAsync(Url);

        Assert.That(page.Text("#no-person"), Does.Contain(email).And.Contain("Ask an organiser to record you in People with that same e-mail address"));
        Assert.That(page.Document.QuerySelector("main form[method=post]"), Is.Null);
    }

    [Test]
    public async Task Anyone_not_signed_in_is_sent_to_sign_in()
    {
        using var anonymous = _world.App.NewBrowser();
        var response = await anonymous.GetAsync(Url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"));
    }

    [Test]
    public async Task A_post_without_an_antiforgery_token_is_refused_and_saves_nothing()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Jon Forged");
        using var _b = browser;

        var response = await browser.PostAsync(Url, [new("Input.QuietEnabled", "false"), new("Input.QuietStarts", "21:00"), new("Input.QuietEnds", "08:00")]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_quiet_hours WHERE person_id = @p", new { p = personId.ToString() }), Is.Zero);
    }
}

/// <summary>/Me/Reminders before any module declares a kind of reminder (the app's modules' kinds taken away).</summary>
public sealed class PreferencesPageWithoutKindsTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync(services: WithoutReminderKinds);

    private static void WithoutReminderKinds(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        foreach (var registration in services.Where(d => d.ServiceType == typeof(Organising.Platform.Modules.ModuleDefinition)).ToList())
        {
            services.Remove(registration);
            services.Add(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(
                ((Organising.Platform.Modules.ModuleDefinition)registration.ImplementationInstance!) with { ReminderKinds = [] }));
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [Test]
    public async Task The_page_says_nothing_sends_reminders_yet_and_quiet_hours_still_save()
    {
        var (browser, personId, _) = await Outbox.NewPersonWithAccountAsync(_world, "Kofi Early");
        using var _b = browser;

        var page = await browser.GetPageAsync("/Me/Reminders");
        Assert.That(page.Text("#no-kinds"), Does.StartWith("No part of the app sends reminders yet."));
        Assert.That(page.Document.QuerySelectorAll("fieldset.reminder-kind"), Is.Empty);

        var saved = await page.SubmitAsync(browser, new() { ["Input.QuietStarts"] = "22:00", ["Input.QuietEnds"] = "06:30" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_reminder_quiet_hours WHERE person_id = @p AND starts = '22:00' AND ends = '06:30'",
            new { p = personId.ToString() }), Is.EqualTo(1));
    }
}
