using Dapper;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Organising.Platform.Data;

namespace Organising.Platform.Reminders;

/// <summary>
/// Hangfire delayed jobs that run the dispatcher when the next reminder falls due, so reminders go on time rather than
/// at the next minute's run. One job per "next due" time, not one per reminder: scheduling 10,000 reminders makes a
/// job only when one falls due before every wake-up already planned. Each is recorded in platform_reminder_wakeup,
/// so start-up can see which jobs were lost with Hangfire's storage and make them again.
/// </summary>
internal sealed class ReminderWakeups(
    IDbConnectionFactory factory, IBackgroundJobClient jobs, JobStorage storage, IOptions<OrganisingOptions> options, TimeProvider clock, ILogger<ReminderWakeups> logger)
{
    /// <summary>A wake-up this far past its time is taken as done or lost.</summary>
    private static readonly TimeSpan Overdue = TimeSpan.FromSeconds(30);

    private const string EarliestSql = "SELECT MIN(at) FROM platform_reminder_wakeup WHERE at >= @since";
    private const string InsertSql = "INSERT INTO platform_reminder_wakeup (at, job_id, created_at) VALUES (@at, @jobId, @now) ON CONFLICT (at) DO NOTHING";
    private const string DeletePastSql = "DELETE FROM platform_reminder_wakeup WHERE at <= @until";
    private const string FutureSql = "SELECT at, job_id FROM platform_reminder_wakeup WHERE at > @now";
    private const string DeleteSql = "DELETE FROM platform_reminder_wakeup WHERE at = @at";
    private const string NextDueSql = "SELECT MIN(due_at) FROM platform_reminder WHERE status = 'pending'";
    private const string OldestClaimSql = "SELECT MIN(claimed_at) FROM platform_reminder WHERE status = 'sending'";

    /// <summary>Makes sure the dispatcher runs at <paramref name="due"/> or before. Never throws: the minute's run is the safety net.</summary>
    public async ValueTask EnsureAsync(DateTimeOffset due, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow();
            var at = Ceiling(due < now ? now : due);
            await using var connection = await factory.OpenAsync(ct);
            var earliest = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(EarliestSql, new { since = now - Overdue }, cancellationToken: ct));
            if (earliest is { } planned && planned <= at) return;
            // A delay rather than an instant: Hangfire reads the system clock, the app its TimeProvider.
            var jobId = jobs.Schedule<ReminderDispatcher>(d => d.RunAsync(CancellationToken.None), at - now);
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { at, jobId, now }, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not plan the reminders dispatcher's run at {Due:u}; the minute's run will send them", due);
        }
    }

    /// <summary>
    /// <see cref="EnsureAsync"/> once the session's transaction has committed (at once if there is none): the dispatcher
    /// must not wake before the rows it is to send exist.
    /// </summary>
    public async ValueTask EnsureWhenCommittedAsync(DbSession session, DateTimeOffset due, CancellationToken ct)
    {
        if (session.InTransaction) session.AfterCommitAsync(() => EnsureAsync(due, CancellationToken.None));
        else await EnsureAsync(due, ct);
    }

    /// <summary>
    /// After a run: forget the wake-ups that have passed and plan one for the next pending reminder, or for the end of
    /// the oldest claim's lease if that comes first.
    /// </summary>
    public async ValueTask PlanNextAsync(DateTimeOffset runStartedAt, CancellationToken ct)
    {
        DateTimeOffset? next, oldestClaim;
        await using (var connection = await factory.OpenAsync(ct))
        {
            await using var transaction = await factory.BeginWriteAsync(connection, ct);
            await connection.ExecuteAsync(new CommandDefinition(DeletePastSql, new { until = runStartedAt }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            next = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(NextDueSql, cancellationToken: ct));
            oldestClaim = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(OldestClaimSql, cancellationToken: ct));
        }
        // Rows claimed by an instance that died (PostgreSQL: start-up cannot tell it from a live one) go again when their
        // lease runs out: wake then, rather than at the first minute's run after it. A second past it, as the release is strict.
        if (oldestClaim is { } claimed)
        {
            var leaseEnds = claimed + options.Value.Reminders.ClaimLease + TimeSpan.FromSeconds(1);
            if (next is null || leaseEnds < next) next = leaseEnds;
        }
        if (next is { } due) await EnsureAsync(due, ct);
    }

    /// <summary>
    /// At start-up: drops the records of wake-ups whose Hangfire job no longer exists (its storage was deleted or
    /// replaced), then plans the next one again. Nothing is lost with Hangfire's storage, because the outbox is the record.
    /// </summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(DateTimeOffset At, string JobId)> future;
        await using (var connection = await factory.OpenAsync(ct))
        {
            future = (await connection.QueryAsync<(DateTimeOffset, string)>(new CommandDefinition(FutureSql, new { now }, cancellationToken: ct))).ToList();
        }
        using (var hangfire = storage.GetConnection())
        {
            foreach (var (at, jobId) in future.Where(w => !StillPlanned(hangfire, w.JobId)))
            {
                logger.LogInformation("The reminders wake-up at {At:u} (job {JobId}) is not waiting in Hangfire's storage; planning it again", at, jobId);
                await using var connection = await factory.OpenAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { at }, cancellationToken: ct));
            }
        }
        await PlanNextAsync(now, ct);
    }

    /// <summary>
    /// Whether Hangfire still holds the wake-up's job, waiting to run the dispatcher. A new storage numbers its jobs from
    /// 1 again, so the id may now name another job, or one that has already run; an id it cannot read at all came from
    /// another storage (Organising:Jobs:Storage changed).
    /// </summary>
    private static bool StillPlanned(IStorageConnection hangfire, string jobId)
    {
        try
        {
            return hangfire.GetJobData(jobId) is { Job: { } job, State: var state }
                && job.Type == typeof(ReminderDispatcher)
                && (state == ScheduledState.StateName || state == EnqueuedState.StateName || state == ProcessingState.StateName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whole seconds: reminders due in the same second share a wake-up.</summary>
    private static DateTimeOffset Ceiling(DateTimeOffset t)
    {
        var ticks = t.UtcTicks % TimeSpan.TicksPerSecond;
        return ticks == 0 ? t.ToUniversalTime() : new DateTimeOffset(t.UtcTicks - ticks + TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
