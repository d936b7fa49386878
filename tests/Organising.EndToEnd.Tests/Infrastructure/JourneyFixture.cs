using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Settings;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What every module's journey does on each page it reaches: check it is the page expected with no error shown, run
/// axe-core on it and keep any CSP violation; and, at the end, assert that none of the pages had a finding.
/// </summary>
public abstract class JourneyFixture : BrowserFixture
{
    protected AccessibilityAudit Audit { get; } = new();
    protected List<string> CspViolations { get; } = [];

    /// <summary>
    /// Checks the page shown is the one expected, then runs axe-core on it (unless it is a page already
    /// audited in the same state: axe takes about a second a page) and keeps any CSP violation it reported.
    /// </summary>
    protected async Task ArriveAsync(string pathPattern, string heading, bool audit = true)
    {
        Assert.That(Page.Path(), Does.Match("^" + pathPattern + "$"), $"Expected {pathPattern}; the page shown is {Page.Url}.");
        Assert.That(await Page.MainHeading().InnerTextAsync(), Does.StartWith(heading));
        var errors = await Page.Locator("main .alert-danger, main .invalid-feedback").AllInnerTextsAsync();
        Assert.That(errors.Where(e => !string.IsNullOrWhiteSpace(e)), Is.Empty,
            $"The page {Page.Url} shows errors.");
        if (audit) await Audit.CheckAsync(Page);
        CspViolations.AddRange((await ContentSecurityPolicyWatch.ViolationsAsync(Page)).Select(v => $"{Page.Path()}: {v}"));
    }

    protected async Task AssertFlashAsync(string message) =>
        Assert.That(await Page.Locator("main > [role=status]").InnerTextAsync(), Is.EqualTo(message));

    /// <summary>The &lt;dd&gt; beside the &lt;dt&gt; whose text is exactly <paramref name="term"/>.</summary>
    protected async Task<string> DefinitionAsync(string term) =>
        (await Page.Locator("main dt").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(term) + "$") })
            .Locator("xpath=following-sibling::dd[1]").InnerTextAsync()).Trim();

    /// <summary>A table's body, one row a line, its <paramref name="cells"/> joined by "|".</summary>
    protected async Task<string[]> TableRowsAsync(string table, string cells = "td")
    {
        var rows = new List<string>();
        foreach (var row in await Page.Locator(table).Locator("tbody tr").AllAsync())
            rows.Add(string.Join("|", (await row.Locator(cells).AllInnerTextsAsync()).Select(c => c.Trim())));
        return [.. rows];
    }

    /// <summary>Today in the organisation's time zone, by the app's clock.</summary>
    protected async Task<DateOnly> LocalTodayAsync() =>
        DateOnly.FromDateTime((await App.Services.GetRequiredService<OrganisationTime>().ToLocalAsync(App.Clock.GetUtcNow())).DateTime);

    /// <summary>The end of a journey: how long it took and which pages axe checked; no finding, no CSP violation.</summary>
    protected async Task AssertEveryPageWasCleanAsync(TimeSpan took)
    {
        await TestContext.Out.WriteLineAsync($"Journey took {took.TotalSeconds:0.0} s; axe-core checked: " + string.Join(" → ", Audit.AuditedPages));
        Assert.That(Audit.Findings, Is.Empty, Audit.Report());
        Assert.That(CspViolations, Is.Empty, "A page on the way broke the app's Content Security Policy.");
    }
}
