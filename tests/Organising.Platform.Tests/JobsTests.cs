using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Jobs;

namespace Organising.Platform.Tests;

/// <summary>
/// Background jobs: Hangfire on the configured engine's storage, every run recorded in platform_job_run, the daily
/// housekeeping, and apps in one process that keep their jobs apart.
/// </summary>
public sealed class JobsTests
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_job_on_the_database_storage_runs_once_and_is_recorded_with_its_instance()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?>
        {
            ["Organising:Jobs:Storage"] = JobsOptions.DatabaseStorage,
            ["Organising:Jobs:InstanceName"] = "instance-under-test",
        });

        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<PlatformHousekeeping>(h => h.RunAsync(CancellationToken.None));
        var runs = await WaitForFinishedRunsAsync(app, jobId);

        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(runs[0].JobName, Is.EqualTo("PlatformHousekeeping.RunAsync"));
        Assert.That(runs[0].InstanceName, Is.EqualTo("instance-under-test"));
        Assert.That(runs[0].Succeeded, Is.EqualTo(1));
        Assert.That(string.CompareOrdinal(runs[0].FinishedAt, runs[0].StartedAt), Is.GreaterThanOrEqualTo(0));
        await using var connection = app.OpenDatabase();
        if (app.Engine == DatabaseEngine.Sqlite)
        {
            // Hangfire's queue is a file of its own, never the app database.
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('Job', 'JobQueue')"), Is.Zero);
            await using var hangfire = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "hangfire.db")};Mode=ReadOnly");
            await hangfire.OpenAsync();
            Assert.That(await hangfire.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Job WHERE Id = @jobId", new { jobId }), Is.EqualTo(1));
        }
        else
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job'"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Two_apps_in_one_process_each_run_and_record_only_their_own_jobs()
    {
        await using var first = TestApp.Start(new Dictionary<string, string?> { ["Organising:Jobs:InstanceName"] = "first" });
        await using var second = TestApp.Start(new Dictionary<string, string?> { ["Organising:Jobs:InstanceName"] = "second" });

        var firstJob = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<PlatformHousekeeping>(h => h.RunAsync(CancellationToken.None));
        var secondJob = second.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<PlatformHousekeeping>(h => h.RunAsync(CancellationToken.None));
        await WaitForFinishedRunsAsync(first, firstJob);
        await WaitForFinishedRunsAsync(second, secondJob);

        Assert.That(await AllRunsAsync(first), Is.EqualTo(new[] { (firstJob, "first") }));
        Assert.That(await AllRunsAsync(second), Is.EqualTo(new[] { (secondJob, "second") }));
    }

    [Test]
    public async Task A_job_that_throws_is_recorded_as_failed()
    {
        await using var app = TestApp.Start();

        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<FailingJob>(j => j.RunAsync());
        var runs = await WaitForFinishedRunsAsync(app, jobId);

        Assert.That(runs.Single().Succeeded, Is.Zero);
        Assert.That(runs.Single().JobName, Is.EqualTo("FailingJob.RunAsync"));
    }

    /// <summary>A job that always fails, run once.</summary>
    public sealed class FailingJob
    {
        [AutomaticRetry(Attempts = 0)]
        public Task RunAsync() => throw new InvalidOperationException("This job fails on purpose.");
    }

    [Test]
    public async Task Housekeeping_deletes_job_runs_older_than_30_days_and_keeps_newer_runs_and_old_invitations()
    {
        await using var world = await PlatformWorld.StartAsync();
        var now = world.Clock.GetUtcNow();
        await using (var connection = world.App.OpenDatabase())
        {
            foreach (var (jobId, age) in new[] { ("old", 31), ("recent", 29) })
            {
                await connection.ExecuteAsync("""
                    INSERT INTO platform_job_run (id, job_id, job_name, instance_name, started_at, finished_at, succeeded)
                    VALUES (@id, @jobId, 'Seed.Run', 'seed', @startedAt, @startedAt, @succeeded)
                    """, new { id = Guid.CreateVersion7(), jobId, startedAt = now.AddDays(-age), succeeded = true });
            }
            await connection.ExecuteAsync("""
                INSERT INTO platform_invitation (id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (@id, 'long.ago@example.org', 'Volunteer', 'hash-of-an-old-token', @invitedBy, @createdAt, @expiresAt)
                """, new { id = Guid.CreateVersion7(), invitedBy = world.Admin.Id, createdAt = now.AddDays(-120), expiresAt = now.AddDays(-113) });
        }

        await using (var scope = world.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlatformHousekeeping>().RunAsync(CancellationToken.None);
        }

        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_job_run WHERE job_id = 'old'"), Is.Zero);
        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_job_run WHERE job_id = 'recent'"), Is.EqualTo(1));
        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_invitation WHERE email = 'long.ago@example.org'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Housekeeping_deletes_reminders_finished_over_a_year_ago_and_keeps_pending_and_recent_ones()
    {
        await using var world = await PlatformWorld.StartAsync();
        var now = world.Clock.GetUtcNow();
        await using (var connection = world.App.OpenDatabase())
        {
            foreach (var (key, status, ageDays) in new[] { ("old-sent", "sent", 400), ("old-pending", "pending", 400), ("recent-sent", "sent", 300) })
            {
                await connection.ExecuteAsync("""
                    INSERT INTO platform_reminder (id, key, base_key, person_id, kind, event_at, lead_minutes, due_at, subject, body, status, created_at, updated_at)
                    VALUES (@id, @key, @key, @person, 'testing.visit', @at, 0, @at, 'Subject', 'Body', @status, @at, @at)
                    """, new { id = Guid.CreateVersion7(), key, person = Guid.CreateVersion7(), at = now.AddDays(-ageDays), status });
            }
        }

        await using (var scope = world.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlatformHousekeeping>().RunAsync(CancellationToken.None);
        }

        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE key IN ('old-pending', 'recent-sent')"), Is.EqualTo(2));
        Assert.That(await world.CountAsync("SELECT COUNT(*) FROM platform_reminder WHERE key = 'old-sent'"), Is.Zero);
    }

    [Test]
    public async Task The_housekeeping_is_scheduled_daily_at_start()
    {
        await using var app = TestApp.Start();

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var scheduled = connection.GetRecurringJobs().Single(j => j.Id == PlatformHousekeeping.RecurringJobId);

        Assert.That(scheduled.Cron, Is.EqualTo("30 3 * * *"));
        Assert.That(scheduled.Job.Type, Is.EqualTo(typeof(PlatformHousekeeping)));
        Assert.That(scheduled.NextExecution, Is.Not.Null);
    }

    [TestCase("InMemory", true)]
    [TestCase("inmemory", true)]
    [TestCase("Database", false)]
    [TestCase("", false)]
    public void The_storage_setting_chooses_memory_or_the_database(string setting, bool inMemory)
    {
        Assert.That(new JobsOptions { Storage = setting }.UsesInMemoryStorage, Is.EqualTo(inMemory));
    }

    [Test]
    public void An_unknown_storage_setting_names_the_setting_to_fix()
    {
        Assert.That(() => new JobsOptions { Storage = "Redis" }.UsesInMemoryStorage,
            Throws.TypeOf<DatabaseSettingsException>().With.Message.Contains("Organising__Jobs__Storage"));
    }

    private sealed class Run
    {
        public string JobId { get; init; } = "";
        public string JobName { get; init; } = "";
        public string InstanceName { get; init; } = "";
        public string StartedAt { get; init; } = "";
        public string? FinishedAt { get; init; }
        public long? Succeeded { get; init; }
    }

    /// <summary>The job's runs once one has finished; fails the test if none finishes in time.</summary>
    private static async Task<List<Run>> WaitForFinishedRunsAsync(TestApp app, string jobId)
    {
        var deadline = DateTime.UtcNow + JobDeadline;
        while (true)
        {
            await using (var connection = app.OpenDatabase())
            {
                var runs = (await connection.QueryAsync<Run>(
                    "SELECT job_id, job_name, instance_name, started_at, finished_at, succeeded FROM platform_job_run WHERE job_id = @jobId",
                    new { jobId })).ToList();
                if (runs.Any(r => r.FinishedAt is not null)) return runs;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Job {jobId} did not finish within {JobDeadline.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every run of housekeeping (each app also runs the reminders dispatcher at start).</summary>
    private static async Task<List<(string, string)>> AllRunsAsync(TestApp app)
    {
        await using var connection = app.OpenDatabase();
        return (await connection.QueryAsync<(string, string)>(
            "SELECT job_id, instance_name FROM platform_job_run WHERE job_name = 'PlatformHousekeeping.RunAsync'")).ToList();
    }
}
