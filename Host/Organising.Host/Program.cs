using Organising.Host;
using Organising.Networks;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Jobs;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

// Operations commands (backup, restore, copy-to-postgres) run instead of the web app.
if (HostCommands.IsCommand(args)) return HostCommands.Run(args);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseDefaultAddressUnlessConfigured(builder.Configuration);
builder.Logging.ConfigureStructuredConsole(builder.Configuration);

// Platform, then each module (the list is HostModules, which the host commands share).
builder.Services.AddModules(builder.Configuration);

builder.Services.AddMediator((Mediator.MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.NotificationPublisherType = typeof(InTransactionPublisher);
    options.Assemblies =
    [
        typeof(PlatformModule), typeof(Program),
        typeof(NetworksModule), typeof(Organising.Networks.Contracts.PersonMerged),
        typeof(Organising.Teams.TeamsModule), typeof(Organising.Teams.Contracts.GetLeaderReach),
        typeof(Organising.Listening.ListeningModule), typeof(Organising.Listening.Contracts.IssuePrioritised),
    ];
    options.PipelineBehaviors =
    [
        typeof(LoggingBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(UnitOfWorkBehaviour<,>),
        typeof(AuditBehaviour<,>),
    ];
});
builder.Services.AddRazorPages();

var app = builder.Build();

if (!StartupChecks.MigrateOrExplain(app))
{
    // Disposing flushes the console logger, whose queue would otherwise die with the process, line and all.
    await app.DisposeAsync();
    return 1;
}

app.UsePlatformMiddleware();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Status/{0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<FirstRunMiddleware>();
app.UseAuthorization();

app.MapHealthChecks("/healthz", HealthEndpoint.Options).AllowAnonymous();
app.MapRazorPages();
app.MapJobsDashboard();

app.Run();
return 0;

public partial class Program;
