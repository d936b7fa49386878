using Microsoft.Playwright;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Chromium reports each inline script or style the app's Content Security Policy blocks as a
/// securitypolicyviolation event (and on the console). <see cref="StartAsync"/> collects those events
/// from the start of every document the page loads; <see cref="ViolationsAsync"/> reads the current
/// document's, so read them on every page before leaving it.
/// </summary>
public static class ContentSecurityPolicyWatch
{
    public static Task StartAsync(IPage page) => page.AddInitScriptAsync("""
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber));
        """);

    /// <summary>The violations reported on the page shown now (one saying so if the watch was never started).</summary>
    public static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['(the violation listener did not run on ' + location.pathname + ')']");
}
