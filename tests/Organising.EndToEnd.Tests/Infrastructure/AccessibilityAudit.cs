using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on each page it is shown and keeps every
/// serious or critical violation, so one test can visit many pages and report them all at the end.
/// </summary>
public sealed class AccessibilityAudit
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    private readonly List<Finding> _findings = [];
    private readonly List<string> _auditedPages = [];

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Every page checked, in order, as "path (title)".</summary>
    public IReadOnlyList<string> AuditedPages => _auditedPages;

    public async Task CheckAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = RunOnlyOptions.Tags(WcagTags),
            ResultTypes = [ResultType.Violations],
        });
        var url = page.Url;
        _auditedPages.Add($"{new Uri(url).PathAndQuery} ({await page.TitleAsync()})");
        foreach (var violation in result.Violations.Where(v => FailingImpacts.Contains(v.Impact)))
        {
            foreach (var node in violation.Nodes)
            {
                _findings.Add(new Finding(violation.Id, violation.Impact, node.Target?.ToString() ?? "(no selector)", node.Html, violation.Help, url));
            }
        }
    }

    /// <summary>One line per offending element: impact, rule, page, selector, its HTML, and what axe says is wrong.</summary>
    public string Report() => _findings.Count == 0
        ? "no serious or critical violations"
        : $"axe-core found {_findings.Count} serious or critical violation(s):{Environment.NewLine}"
          + string.Join(Environment.NewLine, _findings.Select(f => "  " + f));

    public sealed record Finding(string Rule, string Impact, string Target, string Html, string Help, string PageUrl)
    {
        public override string ToString() => $"[{Impact}] {Rule} on {PageUrl}: {Target} {Html} ({Help})";
    }
}
