using Dapper;
using Microsoft.Extensions.Logging;
using Organising.Platform.Data;

namespace Organising.Platform.Jobs;

/// <summary>
/// Daily: deletes platform records that have served their purpose. Only operational records go (job runs, reminders
/// finished a year ago); nothing a person entered, and no invitation (an expired one still tells an administrator who
/// was asked and when).
/// </summary>
internal sealed class PlatformHousekeeping(IDbConnectionFactory factory, TimeProvider clock, ILogger<PlatformHousekeeping> logger)
{
    public const string RecurringJobId = "platform-housekeeping";

    /// <summary>03:30 UTC, a quiet hour in Europe/London.</summary>
    public const string Schedule = "30 3 * * *";

    /// <summary>A month of job runs answers "did it run, where, and did it work" for any recent problem.</summary>
    public static readonly TimeSpan JobRunsKeptFor = TimeSpan.FromDays(30);

    private const string DeleteOldJobRunsSql = "DELETE FROM platform_job_run WHERE started_at < @before";

    /// <summary>A year of finished reminders answers "was she told about it?"; their text is personal data, so no longer.</summary>
    public static readonly TimeSpan FinishedRemindersKeptFor = TimeSpan.FromDays(365);

    private const string DeleteOldRemindersSql = """
        DELETE FROM platform_reminder WHERE status IN ('sent', 'skipped', 'cancelled', 'failed') AND updated_at < @before
        """;

    private const string DeletePastWakeupsSql = "DELETE FROM platform_reminder_wakeup WHERE at < @before";

    public static ScheduledJob Definition => ScheduledJob.Of<PlatformHousekeeping>(RecurringJobId, Schedule, h => h.RunAsync(CancellationToken.None));

    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - JobRunsKeptFor;
        await using var connection = await factory.OpenAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteOldJobRunsSql, new { before }, cancellationToken: ct));
        if (deleted > 0) logger.LogInformation("Housekeeping deleted {Count} job runs started before {Before:u}", deleted, before);

        var remindersBefore = clock.GetUtcNow() - FinishedRemindersKeptFor;
        var reminders = await connection.ExecuteAsync(new CommandDefinition(DeleteOldRemindersSql, new { before = remindersBefore }, cancellationToken: ct));
        if (reminders > 0) logger.LogInformation("Housekeeping deleted {Count} reminders finished before {Before:u}", reminders, remindersBefore);
        await connection.ExecuteAsync(new CommandDefinition(DeletePastWakeupsSql, new { before }, cancellationToken: ct));
    }
}
