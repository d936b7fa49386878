using Microsoft.Playwright;
using NUnit.Framework;
using Organising.EndToEnd.Tests.Infrastructure;

namespace Organising.EndToEnd.Tests;

/// <summary>Sign-in errors, a phone-width layout and the Content Security Policy, on an install that has its Administrator.</summary>
[TestFixture]
public sealed class PageBehaviourTests : BrowserFixture
{
    private static readonly Person Administrator = new("Grace Hopper", "grace@example.org", "a ship in harbour is safe");

    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    [OneTimeSetUp]
    public async Task CreateTheAdministratorAsync()
    {
        var page = await NewPageAsync();
        await AppSteps.CompleteFirstRunSetupAsync(page, Administrator);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_wrong_password_is_explained_beside_the_form_without_leaving_the_page()
    {
        await Page.OpenAsync("/Account/Login");
        await Page.FillFieldAsync("E-mail address", Administrator.Email);
        await Page.FillFieldAsync("Password", "not the right password");
        var response = await Page.SubmitAsync("Sign in");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(Page.Path(), Is.EqualTo("/Account/Login"), "A failed sign-in should stay on the sign-in page.");
        Assert.That(await Page.MainHeading().InnerTextAsync(), Is.EqualTo("Sign in"));

        var signInForm = Page.Locator("form").Filter(new() { Has = Page.Button("Sign in") });
        var alert = signInForm.GetByRole(AriaRole.Alert);
        Assert.That(await alert.CountAsync(), Is.EqualTo(1), "The form should hold one message announced to screen readers.");
        Assert.That(await alert.InnerTextAsync(), Does.Contain("That e-mail address and password do not match an account."));
        Assert.That(await alert.IsVisibleAsync(), Is.True);

        Assert.That(await Page.Field("E-mail address").InputValueAsync(), Is.EqualTo(Administrator.Email), "The address typed should be kept.");
        Assert.That(await Page.Field("Password").InputValueAsync(), Is.Empty, "The password should never be echoed back.");
        Assert.That(await Page.Button("Sign out").CountAsync(), Is.Zero, "Nobody should be signed in.");

        var audit = new AccessibilityAudit();
        await audit.CheckAsync(Page);
        Assert.That(audit.Findings, Is.Empty, audit.Report());
    }

    [Test]
    public async Task At_phone_width_the_home_page_fits_and_the_menu_folds_behind_a_toggler()
    {
        var phone = await NewPageAsync(Phone);
        var audit = new AccessibilityAudit();

        await phone.OpenAsync("/Account/Login");
        Assert.That(await HorizontalOverflowAsync(phone), Is.Zero, "The sign-in page should not scroll sideways at 375 px.");
        await audit.CheckAsync(phone);
        await AppSteps.SignInAsync(phone, Administrator, audit);

        Assert.That(await HorizontalOverflowAsync(phone), Is.Zero, "The home page should not scroll sideways at 375 px.");
        var toggler = phone.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu", Exact = true });
        Assert.That(await toggler.IsVisibleAsync(), Is.True, "The navbar toggler should show at 375 px.");
        Assert.That(await toggler.GetAttributeAsync("aria-expanded"), Is.EqualTo("false"));
        Assert.That(await phone.Button("Sign out").IsVisibleAsync(), Is.False, "The menu should start folded.");

        await toggler.ClickAsync();
        await phone.Button("Sign out").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.That(await toggler.GetAttributeAsync("aria-expanded"), Is.EqualTo("true"));
        Assert.That(await HorizontalOverflowAsync(phone), Is.Zero, "The open menu should not scroll sideways either.");
        await audit.CheckAsync(phone);

        Assert.That(audit.Findings, Is.Empty, audit.Report());
    }

    [Test]
    public async Task Every_page_is_served_with_a_content_security_policy_that_it_never_breaks()
    {
        await ContentSecurityPolicyWatch.StartAsync(Page);
        var documents = new System.Collections.Concurrent.ConcurrentQueue<IResponse>();
        Page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest) documents.Enqueue(response);
        };
        var violations = new List<string>();

        await Page.OpenAsync("/Account/Login");
        violations.AddRange(await ViolationsAsync(Page));
        await AppSteps.SignInAsync(Page, Administrator);
        violations.AddRange(await ViolationsAsync(Page));
        // Run Bootstrap's script too: fold the menu open at phone width.
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu", Exact = true }).ClickAsync();
        await Page.Button("Sign out").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        violations.AddRange(await ViolationsAsync(Page));
        await Page.OpenAsync("/Account/AccessDenied");
        violations.AddRange(await ViolationsAsync(Page));

        Assert.That(documents, Is.Not.Empty);
        foreach (var document in documents)
        {
            var policy = await document.HeaderValueAsync("content-security-policy");
            Assert.That(policy, Is.Not.Null, $"{document.Url} has no Content-Security-Policy header.");
            Assert.That(policy, Does.Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"),
                $"{document.Url} has a weaker policy: {policy}");
            Assert.That(policy, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"), $"{document.Url}: {policy}");
        }
        Assert.That(violations, Is.Empty, "The pages broke their own Content Security Policy.");
        Assert.That(BrowserLog.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "The browser console reported Content Security Policy violations.");

        // Guard the guard: an inline style planted now must be caught, or the checks above prove nothing.
        await Page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p style=\"color: red\">planted</p>')");
        string[] caught = [];
        for (var attempt = 0; attempt < 20 && caught.Length == 0; attempt++)
        {
            await Task.Delay(50);
            caught = await ViolationsAsync(Page);
        }
        Assert.That(caught, Has.Some.StartsWith("style-src"), "A planted inline style should have been reported as a violation.");
    }

    [Test]
    public async Task The_accessibility_audit_reports_a_planted_violation_with_its_rule_page_and_element()
    {
        // Guards the guard: axe-core must really run on the app's pages (under their strict policy)
        // and report what it finds, or every "no violations" above would pass for nothing.
        await Page.OpenAsync("/Account/Login");
        await Page.EvaluateAsync("""
            () => {
                const input = document.createElement('input');
                input.id = 'planted-unlabelled';
                document.querySelector('main').append(input);
            }
            """);

        var audit = new AccessibilityAudit();
        await audit.CheckAsync(Page);

        Assert.That(audit.Findings, Has.Some.Matches<AccessibilityAudit.Finding>(f => f is not null &&
            f.Rule == "label" && f.Impact == "critical" && f.Target == "#planted-unlabelled" && new Uri(f.PageUrl).AbsolutePath == "/Account/Login"),
            audit.Report());
        Assert.That(audit.Report(), Does.Contain($"[critical] label on {App.BaseAddress}Account/Login: #planted-unlabelled"));
    }

    /// <summary>How many CSS pixels the page is wider than the window (0 when there is no sideways scroll).</summary>
    private static async Task<int> HorizontalOverflowAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    private static Task<string[]> ViolationsAsync(IPage page) => ContentSecurityPolicyWatch.ViolationsAsync(page);
}
