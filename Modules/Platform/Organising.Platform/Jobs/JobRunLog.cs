using Dapper;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Organising.Platform.Data;

namespace Organising.Platform.Jobs;

/// <summary>
/// Records every job execution in platform_job_run: which job, which instance ran it, when, and whether it
/// succeeded. Operators see what ran where without Hangfire's storage (which may be lost and rebuilt). A row
/// with no finish is a run still going, or one whose instance stopped during it.
/// </summary>
internal sealed class JobRunLog(IDbConnectionFactory factory, TimeProvider clock, string instanceName, ILogger<JobRunLog> logger) : IServerFilter
{
    private const string RunIdItem = "organising.job-run-id";

    private const string StartSql = """
        INSERT INTO platform_job_run (id, job_id, job_name, instance_name, started_at)
        VALUES (@id, @jobId, @jobName, @instanceName, @startedAt)
        """;

    private const string FinishSql = "UPDATE platform_job_run SET finished_at = @finishedAt, succeeded = @succeeded WHERE id = @id";

    public void OnPerforming(PerformingContext context)
    {
        // A failure here fails the job before it did anything, and Hangfire retries it: no run goes unrecorded.
        var id = Guid.CreateVersion7();
        using var connection = Open();
        connection.Execute(StartSql, new
        {
            id,
            jobId = context.BackgroundJob.Id,
            jobName = NameOf(context.BackgroundJob.Job),
            instanceName,
            startedAt = clock.GetUtcNow(),
        });
        context.Items[RunIdItem] = id;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(RunIdItem, out var item) || item is not Guid id) return;
        var succeeded = context.Exception is null && !context.Canceled;
        try
        {
            using var connection = Open();
            connection.Execute(FinishSql, new { id, finishedAt = clock.GetUtcNow(), succeeded });
        }
        catch (Exception ex)
        {
            // The job's work is done: failing it now would run it again for want of a log line.
            logger.LogError(ex, "Could not record the end of job {JobId} on {Instance}", context.BackgroundJob.Id, instanceName);
        }
    }

    /// <summary>"PlatformHousekeeping.RunAsync": short, and stable across versions.</summary>
    private static string NameOf(Hangfire.Common.Job job) => $"{job.Type.Name}.{job.Method.Name}";

    // Hangfire calls filters synchronously on its own worker threads.
    private System.Data.Common.DbConnection Open() => factory.OpenAsync().AsTask().GetAwaiter().GetResult();
}
