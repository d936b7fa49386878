using System.Linq.Expressions;
using Hangfire.Common;

namespace Organising.Platform.Jobs;

/// <summary>
/// Work a module wants done on a schedule (its <see cref="Modules.ModuleDefinition.ScheduledJobs"/>). Every instance
/// registers it at start; Hangfire keeps one recurring job per id, so it runs once across all instances.
/// </summary>
/// <param name="Cron">A cron expression in UTC.</param>
public sealed record ScheduledJob(string Id, string Cron, Job Job)
{
    public static ScheduledJob Of<T>(string id, string cron, Expression<Func<T, Task>> work) => new(id, cron, Job.FromExpression(work));
}
