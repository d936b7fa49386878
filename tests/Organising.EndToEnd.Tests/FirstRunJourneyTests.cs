using Microsoft.Playwright;
using NUnit.Framework;
using Organising.EndToEnd.Tests.Infrastructure;

namespace Organising.EndToEnd.Tests;

/// <summary>
/// The path is first-run setup → sign in → invite a user → accept the invitation from the .eml in
/// the outbox → sign in as that user → they cannot reach /Admin/Users → their own upcoming, reminder and calendar
/// pages, and the calendar link opens without a cookie. axe-core reports no serious
/// or critical violation on any visited page.
/// </summary>
[TestFixture]
public sealed class FirstRunJourneyTests : BrowserFixture
{
    private static readonly Person Administrator = new("Ada Lovelace", "ada@example.org", "correct horse battery staple");
    private static readonly Person Volunteer = new("Vic Volunteer", "vic@example.org", "purple elephants dance slowly");

    [Test]
    public async Task An_invited_volunteer_joins_from_the_emailed_link_and_cannot_reach_user_administration()
    {
        var audit = new AccessibilityAudit();

        // First run: the Administrator creates their account, then signs out and back in.
        await AppSteps.CompleteFirstRunSetupAsync(Page, Administrator, audit);
        await AppSteps.SignOutAsync(Page, audit);
        await AppSteps.SignInAsync(Page, Administrator, audit);

        // The Administrator invites a Volunteer.
        var inviteForm = await Page.OpenAsync("/Admin/Users/Invite");
        Assert.That(Page.Path(), Is.EqualTo("/Admin/Users/Invite"));
        Assert.That(inviteForm.Status, Is.EqualTo(200), "An Administrator should reach the invitation form.");
        await audit.CheckAsync(Page);
        await Page.FillFieldAsync("E-mail address", Volunteer.Email);
        var role = Page.Field("Role");
        var chosen = await role.SelectOptionAsync(new SelectOptionValue { Value = "Volunteer" });
        Assert.That(chosen, Is.EqualTo(new[] { "Volunteer" }), "The Role list should offer Volunteer.");
        Assert.That(await role.Locator("option:checked").InnerTextAsync(), Does.StartWith("Volunteer"));
        var sent = await Page.SubmitAsync("Send the invitation");
        Assert.That(sent.Status, Is.EqualTo(200), $"Sending the invitation answered {sent.Status} at {Page.Url}.");
        await AssertNoFormErrorsAsync(Page, "sending the invitation");
        await audit.CheckAsync(Page);

        // Reminders sent and failing are the Organisers' and Administrators' to watch; nothing is there yet.
        var reminders = await Page.OpenAsync("/Admin/Reminders");
        Assert.That(reminders.Status, Is.EqualTo(200));
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("Reminders"));
        await audit.CheckAsync(Page);
        await AppSteps.SignOutAsync(Page, audit);

        // The invitation arrives as an .eml file in the outbox; its link leads back to this app.
        var email = await new Outbox(App.OutboxDirectory).WaitForNewestToAsync(Volunteer.Email);
        var link = Outbox.LinkTo(email, "/Account/AcceptInvitation");
        Assert.That(link.GetLeftPart(UriPartial.Authority), Is.EqualTo(App.BaseAddress.GetLeftPart(UriPartial.Authority)),
            "The invitation link should point at the address the app was reached on.");
        Assert.That(link.Query, Does.StartWith("?token="), "The invitation link should carry its token.");

        // The Volunteer accepts it, choosing a name and password, and is signed in.
        var acceptForm = await Page.OpenAsync(link.ToString());
        Assert.That(Page.Path(), Is.EqualTo("/Account/AcceptInvitation"));
        Assert.That(acceptForm.Status, Is.EqualTo(200));
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("Welcome"), "The invitation should be usable.");
        await audit.CheckAsync(Page);
        await Page.FillFieldAsync("Your name", Volunteer.Name);
        await Page.FillFieldAsync("Password", Volunteer.Password);
        await Page.FillFieldAsync("Password again", Volunteer.Password);
        var created = await Page.SubmitAsync("Create my account");
        Assert.That(created.Status, Is.EqualTo(200));
        await AppSteps.AssertWelcomedAsync(Page, Volunteer);
        await audit.CheckAsync(Page);

        // Later the Volunteer signs in with the password they chose.
        await AppSteps.SignOutAsync(Page, audit);
        await AppSteps.SignInAsync(Page, Volunteer, audit);
        Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).CountAsync(), Is.Zero,
            "A Volunteer's menu should not offer user administration.");

        // User administration is not for Volunteers.
        var response = await Page.OpenAsync("/Admin/Users");
        Assert.That(Page.Path(), Is.EqualTo("/Account/AccessDenied"));
        Assert.That(response.Status, Is.EqualTo(403));
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("Not allowed"));
        await audit.CheckAsync(Page);

        // Their own pages: what is coming up, their reminder choices, and a calendar link that works without a cookie.
        var upcoming = await Page.OpenAsync("/Me");
        Assert.That(upcoming.Status, Is.EqualTo(200));
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("My upcoming"));
        await audit.CheckAsync(Page);
        await Page.OpenAsync("/Me/Reminders");
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("My reminders"));
        await audit.CheckAsync(Page);
        await Page.OpenAsync("/Me/Calendar");
        await audit.CheckAsync(Page);
        var linkMade = await Page.SubmitAsync("Create my calendar link");
        Assert.That(linkMade.Status, Is.EqualTo(200));
        await audit.CheckAsync(Page);
        var feedUrl = await Page.Field("Your calendar link").InputValueAsync();
        using (var calendarApp = new HttpClient())
        {
            var feed = await calendarApp.GetAsync(feedUrl);
            Assert.That((int)feed.StatusCode, Is.EqualTo(200), $"The calendar link {feedUrl} should open without signing in.");
            Assert.That(await feed.Content.ReadAsStringAsync(), Does.Contain("BEGIN:VTIMEZONE"));
        }

        await TestContext.Out.WriteLineAsync("axe-core checked: " + string.Join(" → ", audit.AuditedPages));
        Assert.That(audit.Findings, Is.Empty, audit.Report());
        Assert.That(BrowserLog.Where(line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "A page on the way broke the app's Content Security Policy.");
    }

    private static async Task AssertNoFormErrorsAsync(IPage page, string doing)
    {
        var errors = page.Locator(".alert-danger, .invalid-feedback");
        var messages = await errors.AllInnerTextsAsync();
        Assert.That(messages, Is.Empty, $"The app refused {doing} on {page.Url}.");
    }
}
