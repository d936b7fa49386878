using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Organising.Platform.Data;
using Organising.Platform.Modules;

namespace Organising.Platform.Jobs;

/// <summary>
/// Hangfire, wired by hand rather than through AddHangfire: that one keeps the storage, job activator and filters
/// in Hangfire's process-wide globals, and two apps in one process (tests) would run each other's jobs in each
/// other's scopes. Here every app has its own storage, activator, filters, client and server.
/// </summary>
internal static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<HangfireLogging>();
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<HangfireLogging>(); // before the storage, which logs as it installs its schema
            return JobStorageFactory.Create(OptionsOf(sp), sp.GetRequiredService<DatabaseTarget>());
        });
        services.AddSingleton(sp => new JobRunLog(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<TimeProvider>(),
            OptionsOf(sp).Jobs.InstanceNameOrDefault, sp.GetRequiredService<ILogger<JobRunLog>>()));
        // Hangfire's global filters (retries, statistics) and this app's own, which writes to this app's database.
        services.AddSingleton<IJobFilterProvider>(sp =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobRunLog>() }));
        // Each job runs in a DI scope of its own app.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));

        // Hangfire's dashboard only checks that this is registered; its storage comes from MapJobsDashboard, not the globals.
        services.AddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.AddSingleton(_ => Hangfire.Dashboard.DashboardRoutes.Routes);
        services.AddSingleton<ITimeZoneResolver>(_ => new DefaultTimeZoneResolver());

        services.AddHostedService(sp => new BackgroundJobServerHostedService(sp.GetRequiredService<JobStorage>(), ServerOptions(sp), []));
        services.AddHostedService<ScheduledJobRegistration>();

        services.AddScoped<PlatformHousekeeping>();
        return services;
    }

    private static OrganisingOptions OptionsOf(IServiceProvider sp) => sp.GetRequiredService<IOptions<OrganisingOptions>>().Value;

    private static BackgroundJobServerOptions ServerOptions(IServiceProvider sp)
    {
        var jobs = OptionsOf(sp).Jobs;
        return new BackgroundJobServerOptions
        {
            // Hangfire adds the process id and a GUID to the server name itself.
            ServerName = string.IsNullOrWhiteSpace(jobs.InstanceName) ? Environment.MachineName : jobs.InstanceName.Trim(),
            WorkerCount = Math.Max(1, jobs.WorkerCount),
            // Delayed jobs (a reminder's wake-up) start within a second of their time, not Hangfire's default 15 s.
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            Activator = sp.GetRequiredService<JobActivator>(),
            FilterProvider = sp.GetRequiredService<IJobFilterProvider>(),
        };
    }
}

/// <summary>Registers every module's scheduled jobs at start. Each instance does it; Hangfire keeps one per id.</summary>
internal sealed class ScheduledJobRegistration(IRecurringJobManager manager, IEnumerable<ModuleDefinition> modules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in modules.SelectMany(m => m.ScheduledJobs))
        {
            manager.AddOrUpdate(job.Id, job.Job, job.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
