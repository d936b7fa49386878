using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Testing;

/// <summary>
/// The real app on a fresh database (a SQLite file in its own temporary data directory, or a PostgreSQL database
/// of its own when <see cref="TestDatabase"/> says so), logging only warnings. Dispose removes both.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly WebApplicationFactory<Program> _factory;

    private TestApp(string dataDirectory, string? postgres, WebApplicationFactory<Program> factory)
    {
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgres;
        _factory = factory;
    }

    public string DataDirectory { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "organising.db");
    /// <summary>The app's own PostgreSQL database, when the tests run on PostgreSQL; null on SQLite.</summary>
    public string? PostgresConnectionString { get; }
    public DatabaseEngine Engine => PostgresConnectionString is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;
    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");
    public IServiceProvider Services => _factory.Services;

    /// <param name="settings">Extra configuration, e.g. ("Organising:Smtp:Host", "127.0.0.1").</param>
    /// <param name="services">Replacements applied after the app's own registrations.</param>
    /// <param name="dataDirectory">Start on the data of an earlier app (with <see cref="KeepData"/>); with <paramref name="postgres"/> on PostgreSQL.</param>
    public static TestApp Start(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        string? dataDirectory = null, string? postgres = null)
    {
        var directory = dataDirectory ?? NewDataDirectory();
        if (TestDatabase.Engine == DatabaseEngine.Postgres) postgres ??= TestDatabase.CreatePostgresDatabase();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Organising:DataDirectory", directory);
            if (postgres is not null)
            {
                builder.UseSetting("Organising:Database:Provider", "Postgres");
                builder.UseSetting("Organising:Database:ConnectionString", postgres);
            }
            // Hangfire's queue in memory, one per app: tests about job storage itself ask for "Database".
            builder.UseSetting("Organising:Jobs:Storage", "InMemory");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            // Each test app makes its own keys: that it keeps them unencrypted is expected here.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            if (services is not null) builder.ConfigureTestServices(services);
        });
        var app = new TestApp(directory, postgres, factory);
        _ = factory.Server; // start now: migrations run, so the database exists before the first request
        return app;
    }

    public static string NewDataDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "organising-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public Browser NewBrowser() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    }));

    /// <summary>A client that neither keeps cookies nor follows redirects: the test sets the Cookie header itself.</summary>
    public HttpClient NewCookielessClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri("http://localhost"),
    });

    /// <summary>An account straight through Identity's UserManager on the app's own store (no e-mail, no UI).</summary>
    public async Task<Guid> CreateUserAsync(string email, string role, string? displayName = null, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName ?? email.Split('@')[0], Role = role };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>Goes through /setup as a first-time visitor would, and returns that signed-in browser.</summary>
    public async Task<Browser> SetUpAdministratorAsync(string email = "admin@example.org", string displayName = "Ada Admin")
    {
        var browser = NewBrowser();
        var response = await browser.SubmitAsync("/setup", new()
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        if (response.Location != "/") throw new InvalidOperationException($"Setup did not finish: {response.StatusCode} {response.Text(".alert-danger, .invalid-feedback")}");
        return browser;
    }

    public async Task<Browser> SignInAsync(string email, string password = Password)
    {
        var browser = NewBrowser();
        var response = await browser.SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {response.StatusCode} {response.Text(".alert-danger")}");
        }
        return browser;
    }

    /// <summary>A plain connection to the app's database, for arranging and checking rows. Rows written
    /// through it bypass the app, so it counts a write first and the app's cached read results are dropped, as a commit would.</summary>
    public DbConnection OpenDatabase()
    {
        var connection = Services.GetRequiredService<IDbConnectionFactory>().OpenAsync().AsTask().GetAwaiter().GetResult();
        connection.Execute(DbSession.BumpWriteVersionSql);
        return connection;
    }

    /// <summary>The .eml files the app wrote, oldest first.</summary>
    public IReadOnlyList<MimeMessage> OutboxMessages() =>
        Directory.Exists(OutboxDirectory)
            ? Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>Leave the data directory in place on dispose (a test that restarts the app on the same data).</summary>
    public bool KeepData { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (KeepData) return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        if (PostgresConnectionString is not null) TestDatabase.DropPostgresDatabase(PostgresConnectionString);
    }
}
