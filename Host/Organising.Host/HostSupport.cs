using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Organising.Networks;
using Organising.Teams;
using Organising.Listening;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Modules;
using Organising.Platform.Operations;

namespace Organising.Host;

internal static class LoggingSetup
{
    /// <summary>One JSON object per line on the console, for journald or any log shipper.</summary>
    public static void ConfigureStructuredConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });
    }
}

internal static class ListenAddress
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>Loopback on 5080 unless --urls, Urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS says otherwise: safe behind a proxy by default.</summary>
    public static void UseDefaultAddressUnlessConfigured(this ConfigureWebHostBuilder webHost, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            webHost.UseUrls(Default);
        }
    }
}

internal static class StartupChecks
{
    /// <summary>Migrates every module; on failure logs one clear line, naming the setting to check, and tells the caller to stop.</summary>
    public static bool MigrateOrExplain(WebApplication app)
    {
        DatabaseTarget target;
        try
        {
            target = app.Services.GetRequiredService<DatabaseTarget>();
        }
        catch (DatabaseSettingsException ex)
        {
            app.Logger.LogCritical("Cannot start: {Reason}", ex.Message);
            return false;
        }
        try
        {
            app.Services.GetRequiredService<Migrator>().MigrateAll();
            FirstKey.Ensure(app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>(), target,
                app.Services.GetRequiredService<TimeProvider>());
            return true;
        }
        catch (Exception ex)
        {
            var setting = target.Engine == DatabaseEngine.Postgres ? DatabaseTarget.ConnectionStringSetting : "Organising__DataDirectory";
            app.Logger.LogCritical("Cannot start: the {Engine} {Database} could not be opened or migrated ({Reason}). Check {Setting}.",
                target.Engine, target.Description, ex.GetBaseException().Message, setting);
            return false;
        }
    }
}

internal static class HealthEndpoint
{
    public static readonly HealthCheckOptions Options = new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
            });
        },
    };
}

/// <summary>Platform, then each module: the web app and the host commands register the same list.</summary>
internal static class HostModules
{
    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatform(configuration);
        services.AddNetworks();
        services.AddTeams();
        services.AddListening();
        return services;
    }

    /// <summary>Every module's definition, as the app's own service provider holds them, so a command that works
    /// on every module's tables takes in a new module without being told.</summary>
    public static IReadOnlyList<ModuleDefinition> Definitions(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddModules(configuration).BuildServiceProvider();
        return provider.GetServices<ModuleDefinition>().ToList();
    }
}

/// <summary>`backup DEST`, `restore SRC` and `copy-to-postgres --from FILE --to CONNECTION`: operations that run instead of the web app.</summary>
internal static class HostCommands
{
    private const string CopyToPostgres = "copy-to-postgres";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore" or CopyToPostgres;

    public static int Run(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (args[0] == CopyToPostgres) return RunCopyToPostgres(args[1..], configuration);

        var options = new OrganisingOptions();
        configuration.GetSection(OrganisingOptions.Section).Bind(options);

        if (args.Length != 2)
        {
            Console.Error.WriteLine("Usage: Organising.Host backup DEST_FILE | restore BACKUP_FILE");
            return 2;
        }
        try
        {
            if (DatabaseTarget.EngineOf(options.Database) == DatabaseEngine.Postgres)
            {
                Console.Error.WriteLine($"{args[0]} works on the SQLite file only, and {DatabaseTarget.ProviderSetting} is Postgres: use pg_dump and pg_restore.");
                return 1;
            }
            if (args[0] == "backup")
            {
                DatabaseBackup.Backup(options.DatabasePath, args[1]);
                Console.WriteLine($"Backed up {options.DatabasePath} to {Path.GetFullPath(args[1])}");
            }
            else
            {
                DatabaseBackup.Restore(args[1], options.DatabasePath);
                Console.WriteLine($"Restored {options.DatabasePath} from {Path.GetFullPath(args[1])}");
            }
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or DatabaseSettingsException)
        {
            Console.Error.WriteLine($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }

    private static int RunCopyToPostgres(string[] args, IConfiguration configuration)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--from" or "--to")) return CopyUsage();
            options[args[i]] = args[i + 1];
        }
        if (!options.TryGetValue("--from", out var from) || !options.TryGetValue("--to", out var to)) return CopyUsage();
        try
        {
            var result = PostgresCopy.Run(from, DatabaseTarget.Postgres(to, "--to"), HostModules.Definitions(configuration), Console.Out);
            if (result.AllMatch) return 0;
            Console.Error.WriteLine($"{CopyToPostgres}: the copy does not match the source (see MISMATCH above); do not start the app on it.");
            return 1;
        }
        catch (Exception ex) when (ex is PostgresCopyException or DatabaseSettingsException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{CopyToPostgres} failed: {ex.Message}");
            return 1;
        }
    }

    private static int CopyUsage()
    {
        Console.Error.WriteLine($"Usage: Organising.Host {CopyToPostgres} --from SQLITE_FILE --to \"Host=...;Database=...;Username=...;Password=...\"");
        return 2;
    }
}
