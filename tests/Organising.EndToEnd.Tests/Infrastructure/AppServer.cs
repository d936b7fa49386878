using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel at http://127.0.0.1:&lt;free port&gt;, with an empty data directory of
/// its own (so it starts as a fresh install), the "Testing" environment (friendly error pages, as
/// in production) and no SMTP settings (so every e-mail lands as an .eml file in the outbox).
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public AppServer()
    {
        DataDirectory = Directory.CreateTempSubdirectory("organising-e2e-").FullName;
        // Port 0: Kestrel picks a free port; BaseAddress reads back which.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>The app's clock: real time until a journey moves it on (a session that was upcoming has now happened).</summary>
    public Organising.Testing.TestClock Clock { get; } = new();

    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");

    /// <summary>http://127.0.0.1:PORT/ once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's warnings and errors, shown when a test fails.</summary>
    public ServerLog Log { get; } = new();

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Organising:DataDirectory", DataDirectory);
        builder.UseSetting("Organising:Smtp:Host", "");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        // The app writes JSON lines to the console; in a test run only its warnings and errors matter.
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Log);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>Keeps the app's log entries at Warning and above.</summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            entries.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}"
                + (exception is null ? "" : Environment.NewLine + exception));
        }
    }
}
