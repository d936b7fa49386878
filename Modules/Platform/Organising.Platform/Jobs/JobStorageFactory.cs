using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Organising.Platform.Data;

namespace Organising.Platform.Jobs;

/// <summary>
/// Hangfire's storage for the configured database. Each app gets its own instance, never Hangfire's global
/// JobStorage.Current, so two apps in one process (tests) keep their queues apart.
/// </summary>
internal static class JobStorageFactory
{
    /// <summary>Jobs are picked up within about a second of being enqueued (Hangfire's default is 15 s).</summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(1);

    public static JobStorage Create(OrganisingOptions options, DatabaseTarget target)
    {
        HangfireDefaults.Apply();
        if (options.Jobs.UsesInMemoryStorage) return new InMemoryStorage();
        return target.Engine == DatabaseEngine.Postgres
            ? Postgres(target.ConnectionString)
            : Sqlite(options.HangfireDatabasePath);
    }

    /// <summary>Its own file: the queue can be lost and rebuilt, the app database cannot.</summary>
    public static JobStorage Sqlite(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = QueuePollInterval });
    }

    /// <summary>
    /// The "hangfire" schema of the app's PostgreSQL database, shared by every instance, so each job runs once
    /// across them. This is what UsePostgreSqlStorage(o => o.UseNpgsqlConnection(cs), options) builds, without
    /// making it Hangfire's global storage. The storage installs its schema as it is made; that happens under the
    /// migration lock, because Hangfire's installer would race another instance starting at the same moment.
    /// </summary>
    public static JobStorage Postgres(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = QueuePollInterval, PrepareSchemaIfNecessary = true };
        JobStorage? storage = null;
        Migrator.UnderPostgresMigrationLock(connectionString,
            () => storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options));
        return storage!;
    }
}

/// <summary>Hangfire's serializer settings are process-wide; every app sets the same ones, once.</summary>
internal static class HangfireDefaults
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1) return;
        // The compact job format and type names without versions, so an upgrade can still run queued jobs.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }
}
