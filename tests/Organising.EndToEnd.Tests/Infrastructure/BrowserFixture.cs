using System.Collections.Concurrent;
using Microsoft.Playwright;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One app (fresh data directory) and one headless Chromium per fixture; a new browser context
/// (no cookies) and page per test. Chromium is Debian's, installed by build/setup.sh: the tests
/// never download a browser.
/// </summary>
public abstract class BrowserFixture
{
    /// <summary>Debian's Chromium; ORGANISING_E2E_CHROMIUM overrides it on machines that keep it elsewhere.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ORGANISING_E2E_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    /// <summary>Short enough that a broken page fails fast; long enough for a cold first request.</summary>
    private const float DefaultTimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    protected AppServer App { get; private set; } = null!;

    /// <summary>This test's page, in a context of its own.</summary>
    protected IPage Page { get; private set; } = null!;

    /// <summary>This test's pages' console errors and warnings, uncaught script errors and HTTP error responses.</summary>
    protected ConcurrentQueue<string> BrowserLog { get; } = new(); // filled from Playwright's event thread

    [OneTimeSetUp]
    public async Task StartAppAndBrowserAsync()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True,
            $"Chromium is not at {ChromiumPath}: run build/setup.sh (it installs Debian's chromium package).");

        App = new AppServer();
        App.Start();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        BrowserLog.Clear();
        Page = await NewPageAsync();
    }

    /// <summary>A page in a new context (own cookies); closed after the test. Viewport defaults to 1280x720.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(DefaultTimeoutMs);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") BrowserLog.Enqueue($"{message.Type}: {message.Text} ({page.Url})");
        };
        page.PageError += (_, error) => BrowserLog.Enqueue($"uncaught: {error} ({page.Url})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) BrowserLog.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
        return page;
    }

    [TearDown]
    public async Task ClosePagesAsync()
    {
        var outcome = TestContext.CurrentContext.Result.Outcome.Status;
        if (outcome == TestStatus.Failed)
        {
            await SaveScreenshotAsync();
            if (App.Log.Entries.Count > 0)
            {
                await TestContext.Out.WriteLineAsync("The app logged:");
                foreach (var entry in App.Log.Entries) await TestContext.Out.WriteLineAsync("  " + entry);
            }
            if (!BrowserLog.IsEmpty)
            {
                await TestContext.Out.WriteLineAsync("The browser reported:");
                foreach (var line in BrowserLog) await TestContext.Out.WriteLineAsync("  " + line);
            }
        }
        foreach (var context in _contexts) await context.CloseAsync();
        _contexts.Clear();
    }

    private async Task SaveScreenshotAsync()
    {
        try
        {
            var safeName = string.Concat(TestContext.CurrentContext.Test.Name.Select(c => char.IsLetterOrDigit(c) ? c : '_'));
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"e2e-{safeName}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.AddTestAttachment(file, $"The page at {Page.Url} when the test failed");
        }
        catch (PlaywrightException)
        {
            // The page may already be gone; the failure message says what happened.
        }
    }

    [OneTimeTearDown]
    public async Task StopAppAndBrowserAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
