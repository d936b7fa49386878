using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Jobs;
using Organising.Platform.Messaging;
using Organising.Platform.Modules;
using Organising.Platform.Operations;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform;

/// <summary>The floor every module stands on: database, identity, pipeline services, messages, settings, background jobs.</summary>
public static class PlatformModule
{
    public static readonly ModuleDefinition Definition = new("platform", "platform", typeof(PlatformModule).Assembly)
    {
        Menu =
        [
            // Everyone's own page comes first: what they signed up for, their calendar link and reminders.
            new MenuEntry("Me", "My upcoming", "/Me", null, 10),
            new MenuEntry("Admin", "Users", "/Admin/Users", Capabilities.InviteUsers, 900),
            new MenuEntry("Admin", "Settings", "/Admin/Settings", Capabilities.ManageSettings, 910),
            new MenuEntry("Admin", "Messages", "/Admin/Messages", Capabilities.ViewMessages, 920),
            new MenuEntry("Admin", "Audit log", "/Admin/Audit", Capabilities.ViewAudit, 930),
            new MenuEntry("Admin", "Reminders", "/Admin/Reminders", Capabilities.ManageReminders, 940),
        ],
        ScheduledJobs = [PlatformHousekeeping.Definition, Reminders.ReminderDispatcher.Definition],
    };

    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

        services.AddOptions<OrganisingOptions>().Bind(configuration.GetSection(OrganisingOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Definition);
        services.AddSingleton<MenuRegistry>();

        // Database
        services.AddSingleton(sp => DatabaseTarget.From(sp.GetRequiredService<IOptions<OrganisingOptions>>().Value));
        services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            var target = sp.GetRequiredService<DatabaseTarget>();
            return target.Engine == DatabaseEngine.Postgres
                ? new PostgresConnectionFactory(target.ConnectionString)
                : new SqliteConnectionFactory(sp.GetRequiredService<IOptions<OrganisingOptions>>().Value.DatabasePath);
        });
        services.AddSingleton<ReadCache>();
        services.AddScoped<DbSession>();
        services.AddSingleton<Migrator>();

        // Who is acting, and the record of what they did
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<AuditLog>();

        services.AddScoped<IMessageSender, MessageSender>();
        services.AddSingleton<OrganisationSettingsCache>();
        services.AddSingleton<OrganisationTime>();
        services.AddSingleton<SetupState>();
        services.AddScoped<LinkBuilder>();
        services.AddScoped<PersonalData.PersonalDataCollector>();
        services.AddScoped<PersonalData.UserPeople>();
        // Modules add their ICalendarSource; the feed and /Me ask every one.
        services.AddScoped<Calendar.CalendarEvents>();

        AddIdentity(services);
        services.AddAuthorization(Capabilities.Register);

        services.AddOptions<KeyManagementOptions>().Configure<IDbConnectionFactory, TimeProvider, IOptions<OrganisingOptions>>((keys, factory, clock, organising) =>
            keys.XmlRepository = new DatabaseXmlRepository(factory, clock, organising.Value.KeysDirectory));
        services.AddDataProtection().SetApplicationName("Organising");

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OrganisingOptions>>((forwarded, organising) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in (organising.Value.ForwardedHeaders.KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            }
        });

        services.AddAntiforgery(o => o.Cookie.Name = "organising.af");
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        // Background jobs (Hangfire): started with the app, after its migrations.
        services.AddJobs();

        // Reminders: the outbox in the app database; Hangfire wakes the dispatcher.
        services.AddSingleton<Reminders.ReminderKinds>();
        services.AddScoped<Reminders.ReminderOutbox>();
        services.AddScoped<Reminders.IReminders>(sp => sp.GetRequiredService<Reminders.ReminderOutbox>());
        services.AddSingleton<Reminders.ReminderWakeups>();
        services.AddScoped<Reminders.ReminderDispatcher>();
        services.AddHostedService<Reminders.ReminderStartup>();
        services.AddScoped<PersonalData.IPersonalDataSource, Reminders.RemindersPersonalData>();
        return services;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(o =>
            {
                // NCSC guidance: length over composition rules.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddUserStore<DapperUserStore>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "organising.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = UserSessionValidator.ValidateAsync;
        });
    }

    /// <summary>The request pipeline's platform parts, in order. Call before routing's endpoints are mapped.</summary>
    public static WebApplication UsePlatformMiddleware(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}

public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const string Hint = "At least 12 characters. Three random words make a good one.";
}
