using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using Organising.Networks;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Reminders;

namespace Organising.Reminders.Reliability.Tests;

/// <summary>
/// One install for a test: a data folder (and a PostgreSQL database of its own when the tests run on PostgreSQL), the
/// real app started on it as a process, and an SMTP port for netDumbster. People and reminders go in through a small
/// service provider of the test's own on the same database: Platform's IReminders, as a module would call it, with
/// Hangfire in memory (the app's own start-up plans the wake-ups it needs from the outbox).
/// </summary>
public sealed class ReminderRig : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string?> _environment;
    private readonly ServiceProvider _services;
    private readonly List<HostProcess> _apps = [];

    /// <param name="settings">Extra settings for the app, as environment variables (Organising__Reminders__…).</param>
    public ReminderRig(IReadOnlyDictionary<string, string?>? settings = null)
    {
        DataDirectory = TestApp.NewDataDirectory();
        SmtpPort = TestSmtp.FreePort();
        _environment = new Dictionary<string, string?>
        {
            ["Organising__DataDirectory"] = DataDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // The same mail settings as the in-process tests, as environment variables.
        foreach (var (key, value) in TestSmtp.Settings(SmtpPort)) _environment[key.Replace(":", "__")] = value;
        if (TestDatabase.Engine == DatabaseEngine.Postgres)
        {
            Postgres = TestDatabase.CreatePostgresDatabase();
            _environment["Organising__Database__Provider"] = "Postgres";
            _environment["Organising__Database__ConnectionString"] = Postgres;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _environment[key] = value;

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Organising:Jobs:Storage"] = "InMemory" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPlatform(configuration);
        services.AddNetworks();
        TestingModule.AddTo(services);
        _services = services.BuildServiceProvider();
        // The schema before the app's first start, so people and reminders can be waiting for it.
        _services.GetRequiredService<Migrator>().MigrateAll();
    }

    public string DataDirectory { get; }
    public string? Postgres { get; }
    public int SmtpPort { get; }
    public HostProcess? App { get; private set; }
    public DatabaseEngine Engine => Postgres is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;
    private IDbConnectionFactory Factory => _services.GetRequiredService<IDbConnectionFactory>();

    /// <summary>Starts the app on this install's data and waits until it answers /healthz.</summary>
    public async Task<HostProcess> StartAppAsync()
    {
        if (App is { HasExited: false }) throw new InvalidOperationException("The app is already running.");
        App = HostProcess.Start(_environment);
        _apps.Add(App);
        await App.WaitUntilHealthyAsync(StartDeadline);
        return App;
    }

    public SimpleSmtpServer StartSmtp() => SimpleSmtpServer.Start(SmtpPort);

    /// <summary>People with an e-mail address and consent to contact, and quiet hours off, so the time of day the tests
    /// run at never holds their reminders back.</summary>
    public async Task<IReadOnlyList<Guid>> AddPeopleAsync(int count, string prefix)
    {
        await using var connection = await Factory.OpenAsync();
        await using var transaction = await Factory.BeginWriteAsync(connection);
        var ids = await ContactablePeople.AddAsync(connection, transaction, ContactablePeople.Numbered(prefix, count), DateTimeOffset.UtcNow, quietHoursOff: true);
        await transaction.CommitAsync();
        return ids;
    }

    /// <summary>Through IReminders, one call (and one unit of work) per reminder, as modules' commands make them.</summary>
    public async Task ScheduleAsync(IEnumerable<ReminderRequest> requests)
    {
        await using var scope = _services.CreateAsyncScope();
        var reminders = scope.ServiceProvider.GetRequiredService<IReminders>();
        foreach (var request in requests) await reminders.ScheduleAsync(request);
    }

    public async Task CancelByPrefixAsync(string prefix)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IReminders>().CancelByPrefixAsync(prefix);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Factory.OpenAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Factory.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Factory.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>The app's warnings and errors, for a failing test's output.</summary>
    public void WriteAppWarnings(TextWriter writer)
    {
        for (var i = 0; i < _apps.Count; i++)
        {
            foreach (var line in _apps[i].Output.Where(l => !l.Contains("\"LogLevel\":\"Information\"", StringComparison.Ordinal))) writer.WriteLine($"app {i + 1}: {line}");
        }
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        if (Postgres is not null) TestDatabase.DropPostgresDatabase(Postgres);
    }

    /// <summary>Polls until <paramref name="done"/> holds; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, int pollMilliseconds = 200)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > timeout) return false;
            await Task.Delay(pollMilliseconds);
        }
        return true;
    }

    public static Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, int pollMilliseconds = 200) =>
        WaitUntilAsync(() => Task.FromResult(done()), timeout, pollMilliseconds);

    /// <summary>Message-IDs of what netDumbster received, in arrival order.</summary>
    public static IReadOnlyList<string> MessageIds(SimpleSmtpServer smtp) =>
        smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"] ?? "").ToList();
}
