using System.Net;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Npgsql;
using Organising.Networks;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Jobs;
using Organising.Platform.Modules;

namespace Organising.Instances.Tests;

/// <summary>
/// Two app processes on different loopback ports, started at the same moment on one empty PostgreSQL database:
/// a user signed in on one is signed in on the other, the migrations ran once, and each job runs once across both.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan JobsDeadline = TimeSpan.FromSeconds(30);
    private const int JobCount = 200;

    private string? _database;
    private HostProcess? _a;
    private HostProcess? _b;
    private IReadOnlyList<string> _startupOutputA = [];
    private IReadOnlyList<string> _startupOutputB = [];

    private HostProcess A => _a!;
    private HostProcess B => _b!;

    [OneTimeSetUp]
    public async Task StartTwoInstancesAtOnceAsync()
    {
        if (TestDatabase.PostgresServer is null)
        {
            Assert.Ignore($"Several instances share a PostgreSQL database: set {TestDatabase.PostgresVariable} to run these tests.");
        }
        try
        {
            _database = TestDatabase.CreatePostgresDatabase();
            _a = HostProcess.StartOnPostgres(_database);
            _b = HostProcess.StartOnPostgres(_database);
            await Task.WhenAll(A.WaitUntilHealthyAsync(StartDeadline), B.WaitUntilHealthyAsync(StartDeadline));
            _startupOutputA = A.Output;
            _startupOutputB = B.Output;
        }
        catch
        {
            StopAll(); // NUnit skips the one-time tear-down when the set-up fails
            throw;
        }
    }

    [OneTimeTearDown]
    public void StopAll()
    {
        _a?.Dispose();
        _b?.Dispose();
        _a = _b = null;
        if (_database is not null) TestDatabase.DropPostgresDatabase(_database);
        _database = null;
    }

    /// <summary>On failure, what the apps logged as warnings or worse, to tell why.</summary>
    [TearDown]
    public void ShowTheAppsWarningsOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed) return;
        foreach (var (name, host) in new[] { ("A", _a), ("B", _b) })
        {
            foreach (var line in host?.Output.Where(l => !l.Contains("\"LogLevel\":\"Information\"")) ?? []) TestContext.Out.WriteLine($"{name}: {line}");
        }
    }

    // (a) Data Protection keys live in the database, so cookies and antiforgery tokens from one instance hold on the other.
    [Test]
    public async Task A_user_signed_in_on_one_instance_is_signed_in_on_the_other()
    {
        var cookies = new CookieContainer();
        using var onA = A.NewBrowser(cookies);
        using var onB = B.NewBrowser(cookies);
        using var strangerOnB = B.NewBrowser(new CookieContainer());

        var setup = await onA.SubmitAsync("/setup", new()
        {
            ["Input.DisplayName"] = "Ada Admin",
            ["Input.Email"] = "admin@example.org",
            ["Input.Password"] = TestApp.Password,
            ["Input.ConfirmPassword"] = TestApp.Password,
        });
        Assert.That(setup.Location, Is.EqualTo("/"), setup.Errors);

        var users = await onB.GetAsync("/Admin/Users");
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"Location: {users.Location}");
        Assert.That(users.Body, Does.Contain("admin@example.org"));
        Assert.That((await strangerOnB.GetAsync("/Admin/Users")).LocationPath, Does.EndWith("/Account/Login"), "B lets in only the signed-in");

        // A form served by A, with A's antiforgery token, posted to B.
        var inviteFormFromA = await onA.GetPageAsync("/Admin/Users/Invite");
        var invited = await inviteFormFromA.SubmitAsync(onB, new() { ["Input.Email"] = "invitee@example.org", ["Input.Role"] = "Volunteer" });
        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), invited.Errors);
        Assert.That(invited.Location, Is.EqualTo("/Admin/Users"));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM platform_invitation WHERE email = 'invitee@example.org'"), Is.EqualTo(1));
    }

    // (b) Migrations run under an advisory lock: one instance applies them, the other waits and finds nothing to do.
    [Test]
    public async Task Both_instances_started_at_once_on_an_empty_database_and_the_migrations_ran_once()
    {
        foreach (var module in Modules)
        {
            var journal = await QueryAsync<string>($"SELECT scriptname FROM {module.JournalTable}");
            Assert.That(journal, Is.EquivalentTo(Migrator.ScriptsFor(module, DatabaseEngine.Postgres)), $"{module.JournalTable} lists each script once");
        }
        Assert.That(await CountAsync("SELECT COUNT(*) FROM hangfire.schema"), Is.EqualTo(1), "Hangfire's schema is in the shared database");
        Assert.That(await CountAsync("SELECT COUNT(*) FROM platform_data_protection_key"), Is.EqualTo(1),
            "one first Data Protection key, made under the lock, that both instances sign with");

        var applied = new[] { _startupOutputA, _startupOutputB }.Select(output => output.Count(l => l.Contains("Applied migration"))).ToList();
        Assert.That(applied, Is.EquivalentTo(new[] { 0, MigrationCount() }), "one instance applied every migration, the other none");
        Assert.That(Problems(_startupOutputA).Concat(Problems(_startupOutputB)), Is.Empty);
    }

    // (c) Both instances work one Hangfire queue in the shared database: every job runs once, on one of them.
    [Test]
    public async Task Each_job_runs_once_across_both_instances_and_both_do_some()
    {
        var storage = JobStorageFactory.Create(new OrganisingOptions(), DatabaseTarget.Postgres(_database));
        var client = new BackgroundJobClient(storage);
        var jobIds = Enumerable.Range(0, JobCount)
            .Select(_ => client.Enqueue<PlatformHousekeeping>(h => h.RunAsync(CancellationToken.None)))
            .ToHashSet();

        var runs = await WaitForRunsAsync(jobIds);
        TestContext.Out.WriteLine($"Runs per instance: {string.Join(", ", runs.GroupBy(r => r.InstanceName).Select(g => $"{g.Key} {g.Count()}"))}");

        Assert.That(runs.Select(r => r.JobId), Is.EquivalentTo(jobIds), "each job ran exactly once");
        Assert.That(runs.Select(r => r.Succeeded), Has.All.EqualTo(1));
        Assert.That(runs.Select(r => r.InstanceName).Distinct(), Is.EquivalentTo(new[] { A.InstanceName, B.InstanceName }), "both instances took work");
        using var connection = storage.GetConnection();
        Assert.That(connection.GetRecurringJobs().Count(j => j.Id == PlatformHousekeeping.RecurringJobId), Is.EqualTo(1),
            "both registered the housekeeping; it exists once");
    }

    private sealed class Run
    {
        public string JobId { get; init; } = "";
        public string InstanceName { get; init; } = "";
        public long? Succeeded { get; init; }
    }

    /// <summary>The runs of these jobs, once every one of them has finished.</summary>
    private async Task<List<Run>> WaitForRunsAsync(IReadOnlySet<string> jobIds)
    {
        var deadline = DateTime.UtcNow + JobsDeadline;
        while (true)
        {
            var runs = (await QueryAsync<Run>("SELECT job_id AS JobId, instance_name AS InstanceName, succeeded AS Succeeded FROM platform_job_run WHERE finished_at IS NOT NULL"))
                .Where(r => jobIds.Contains(r.JobId))
                .ToList();
            if (runs.Select(r => r.JobId).ToHashSet().SetEquals(jobIds)) return runs;
            if (DateTime.UtcNow > deadline)
            {
                var states = await QueryAsync<(string, long)>("SELECT COALESCE(statename, '(none)'), COUNT(*) FROM hangfire.job GROUP BY statename");
                Assert.Fail($"{runs.Count} of {jobIds.Count} jobs ran within {JobsDeadline.TotalSeconds} s; Hangfire's jobs by state: {string.Join(", ", states)}.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Every module with migrations of its own, as the app registers them.</summary>
    private static readonly ModuleDefinition[] Modules =
        [PlatformModule.Definition, NetworksModule.Definition, Organising.Teams.TeamsModule.Definition, Organising.Listening.ListeningModule.Definition];

    private static int MigrationCount() =>
        Modules.Sum(m => Migrator.ScriptsFor(m, DatabaseEngine.Postgres).Count);

    /// <summary>Console lines logged as errors or worse (the app logs one JSON object per line).</summary>
    private static IEnumerable<string> Problems(IEnumerable<string> output) =>
        output.Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"") || l.Contains("Unhandled exception"));

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
