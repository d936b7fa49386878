using Microsoft.Playwright;
using NUnit.Framework;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>Someone who uses the app in a test.</summary>
public sealed record Person(string Name, string Email, string Password);

/// <summary>
/// Steps that several tests share. Each checks where it lands; given an audit, each also runs
/// axe-core on every page it shows.
/// </summary>
public static class AppSteps
{
    /// <summary>Fresh install: any page leads to /setup; creating the Administrator signs them in at home.</summary>
    public static async Task CompleteFirstRunSetupAsync(IPage page, Person administrator, AccessibilityAudit? audit = null)
    {
        await page.OpenAsync("/");
        Assert.That(page.Path(), Is.EqualTo("/setup"), "A fresh install should send every page to /setup.");
        await CheckAsync(audit, page);

        await page.FillFieldAsync("Your name", administrator.Name);
        await page.FillFieldAsync("E-mail address", administrator.Email);
        await page.FillFieldAsync("Password", administrator.Password);
        await page.FillFieldAsync("Password again", administrator.Password);
        await page.SubmitAsync("Create the Administrator");

        await AssertWelcomedAsync(page, administrator);
        await CheckAsync(audit, page);
    }

    /// <summary>Signs in from the sign-in page (opening it unless it is already shown, as after signing out).</summary>
    public static async Task SignInAsync(IPage page, Person person, AccessibilityAudit? audit = null)
    {
        if (page.Path() != "/Account/Login")
        {
            await page.OpenAsync("/Account/Login");
            Assert.That(page.Path(), Is.EqualTo("/Account/Login"));
            await CheckAsync(audit, page);
        }

        await page.FillFieldAsync("E-mail address", person.Email);
        await page.FillFieldAsync("Password", person.Password);
        await page.SubmitAsync("Sign in");

        await AssertWelcomedAsync(page, person);
        await CheckAsync(audit, page);
    }

    /// <summary>Signs out with the navbar's button (opening the collapsed menu first on a narrow screen); lands on the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page, AccessibilityAudit? audit = null)
    {
        var toggler = page.Locator("button.navbar-toggler");
        if (await toggler.IsVisibleAsync() && !await page.Button("Sign out").IsVisibleAsync())
        {
            await toggler.ClickAsync();
            await page.Button("Sign out").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        }
        await page.SubmitAsync("Sign out");

        Assert.That(page.Path(), Is.EqualTo("/Account/Login"), "Signing out should lead to the sign-in page.");
        Assert.That(await page.Button("Sign out").CountAsync(), Is.Zero, "After signing out the navbar should not offer \"Sign out\".");
        await CheckAsync(audit, page);
    }

    public static async Task AssertWelcomedAsync(IPage page, Person person)
    {
        Assert.That(page.Path(), Is.EqualTo("/"), $"Expected the home page; the page shown is {page.Url}.");
        Assert.That(await page.MainHeading().InnerTextAsync(), Is.EqualTo($"Welcome, {person.Name}"));
    }

    private static Task CheckAsync(AccessibilityAudit? audit, IPage page) => audit?.CheckAsync(page) ?? Task.CompletedTask;
}
