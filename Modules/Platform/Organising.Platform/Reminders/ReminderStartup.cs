using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Organising.Platform.Data;

namespace Organising.Platform.Reminders;

/// <summary>
/// At start-up, rebuilds the dispatcher's wake-ups from the outbox (Hangfire's storage may have been deleted) and runs
/// it once for anything that fell due while the app was down.
/// </summary>
internal sealed class ReminderStartup(
    DatabaseTarget target, IDbConnectionFactory factory, ReminderWakeups wakeups, IBackgroundJobClient jobs, ILogger<ReminderStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Only one instance can use a SQLite file, so rows it was sending when it stopped are nobody's now: send
            // them without waiting out the claim lease. Under PostgreSQL another instance may be sending them.
            if (target.Engine == DatabaseEngine.Sqlite)
            {
                var released = await ReminderDispatcher.ReleaseClaimsAsync(factory, DateTimeOffset.MaxValue,
                    "Sent again: the app stopped before it could record the result.", cancellationToken);
                if (released > 0) logger.LogWarning("{Count} reminders were being sent when the app last stopped; they are due again", released);
            }
            await wakeups.RebuildAsync(cancellationToken);
            jobs.Enqueue<ReminderDispatcher>(d => d.RunAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not plan the reminders at start-up; the minute's run will send them");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
