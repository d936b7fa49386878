using Microsoft.Playwright;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a person does on the app's pages, found the way a person (or a screen reader) finds them:
/// fields by their label, buttons by their name. A label that is not wired to its field fails here.
/// </summary>
public static class PageActions
{
    /// <summary>The form control whose &lt;label&gt; text is exactly <paramref name="label"/>.</summary>
    public static ILocator Field(this IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    public static ILocator Button(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator MainHeading(this IPage page) =>
        page.Locator("main").GetByRole(AriaRole.Heading, new() { Level = 1 });

    public static Task FillFieldAsync(this IPage page, string label, string value) => page.Field(label).FillAsync(value);

    /// <summary>Goes to <paramref name="path"/> and waits for the page (after any redirects) to load.</summary>
    public static async Task<IResponse> OpenAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        return response ?? throw new InvalidOperationException($"No response for {path}.");
    }

    /// <summary>
    /// Clicks a button that submits a form and waits until the browser has loaded the page that
    /// comes back (after any redirect), even when that page has the same address as this one.
    /// Returns the response that page came in.
    /// </summary>
    public static Task<IResponse> SubmitAsync(this IPage page, string buttonName) =>
        page.ClickAndLoadAsync(page.Button(buttonName), $"Clicking \"{buttonName}\"");

    /// <summary>Follows a link the way a person does, by clicking it, and waits for the page it leads to.</summary>
    public static Task<IResponse> FollowAsync(this IPage page, ILocator link) =>
        page.ClickAndLoadAsync(link, $"Following the link {link}");

    /// <summary>The link in the main navigation bar named exactly <paramref name="name"/>.</summary>
    public static ILocator MenuLink(this IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main", Exact = true }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>A link inside the page's main content named exactly <paramref name="name"/>.</summary>
    public static ILocator MainLink(this IPage page, string name) =>
        page.Locator("main").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static async Task<IResponse> ClickAndLoadAsync(this IPage page, ILocator target, string doing)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IResponse? document = null;
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame) document = response;
        }
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame) navigated.TrySetResult();
        }

        page.Response += OnResponse;
        page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{doing} on {page.Url} did not load a new page within 15 s.");
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
            page.Response -= OnResponse;
        }
        // The document itself, not Playwright's lifecycle events: once in CI a POST-redirect-GET left the wait
        // for "load" hanging 15 s although the network had gone idle.
        await page.WaitForFunctionAsync("document.readyState === 'complete'");
        return document ?? throw new InvalidOperationException($"{doing} loaded {page.Url} but no response was seen.");
    }

    /// <summary>The path of the page now shown.</summary>
    public static string Path(this IPage page) => new Uri(page.Url).AbsolutePath;
}
