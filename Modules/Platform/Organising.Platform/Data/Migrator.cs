using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using Organising.Platform.Modules;

namespace Organising.Platform.Data;

/// <summary>
/// Runs each module's embedded SQL migrations at start-up, one DbUp journal per module.
/// <para>
/// A script <c>NNNN_name.sql</c> runs on both engines. Where the engines really differ, the module adds
/// <c>NNNN_name.postgres.sql</c> (or <c>.sqlite.sql</c>): that engine runs it instead of the plain script of
/// the same name, and the other engine skips it. Scripts are journalled by name, so an existing install never
/// sees a renamed script.
/// </para>
/// <para>
/// Several instances may start at once on PostgreSQL: they migrate one after another under a session advisory
/// lock, so the second finds nothing left to do instead of racing the first.
/// </para>
/// </summary>
public sealed class Migrator(DatabaseTarget target, IEnumerable<ModuleDefinition> modules, ILogger<Migrator> logger)
{
    /// <summary>The advisory lock key held while migrating ("ORGM").</summary>
    public const long MigrationLockKey = 0x4F52474D;

    public bool Completed { get; private set; }

    public void MigrateAll()
    {
        if (target.Engine == DatabaseEngine.Postgres) MigratePostgres();
        else MigrateSqlite();
        Completed = true;
    }

    private IEnumerable<ModuleDefinition> InOrder =>
        modules.OrderBy(m => m.Name == "platform" ? 0 : 1).ThenBy(m => m.Name, StringComparer.Ordinal);

    private void MigrateSqlite()
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection(target.ConnectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        foreach (var module in InOrder)
        {
            Run(module, DeployChanges.To.SqliteDatabase(target.ConnectionString), b => b.JournalToSqliteTable(module.JournalTable));
        }
    }

    private void MigratePostgres() => UnderPostgresMigrationLock(target.ConnectionString, () =>
    {
        foreach (var module in InOrder)
        {
            Run(module, DeployChanges.To.PostgresqlDatabase(target.ConnectionString), b => b.JournalToPostgresqlTable("public", module.JournalTable));
        }
    });

    /// <summary>
    /// Runs <paramref name="work"/> holding the migration lock: schema changes by several instances starting at once
    /// (the modules' migrations, Hangfire's own schema) happen one after another instead of racing.
    /// </summary>
    internal static void UnderPostgresMigrationLock(string connectionString, Action work)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 })
        {
            wait.ExecuteNonQuery();
        }
        try
        {
            work();
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            release.ExecuteNonQuery();
        }
    }

    private void Run(ModuleDefinition module, UpgradeEngineBuilder builder, Func<UpgradeEngineBuilder, UpgradeEngineBuilder> journal)
    {
        var scripts = ScriptsFor(module, target.Engine);
        var engine = journal(builder
                .WithScriptsEmbeddedInAssembly(module.Assembly, scripts.Contains))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name} of module '{module.Name}' failed: {result.Error?.Message}", result.Error);
        }
        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Applied migration {Script} for module {Module}", script.Name, module.Name);
        }
    }

    /// <summary>The embedded resource names of the module's scripts that run on <paramref name="engine"/>.</summary>
    public static HashSet<string> ScriptsFor(ModuleDefinition module, DatabaseEngine engine)
    {
        var own = engine == DatabaseEngine.Postgres ? ".postgres.sql" : ".sqlite.sql";
        var other = engine == DatabaseEngine.Postgres ? ".sqlite.sql" : ".postgres.sql";
        var all = module.Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(module.MigrationResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .ToList();
        var overridden = all.Where(n => n.EndsWith(own, StringComparison.Ordinal)).Select(n => n[..^own.Length] + ".sql").ToHashSet();
        return all.Where(n => !n.EndsWith(other, StringComparison.Ordinal) && !overridden.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) { }
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUp}", string.Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{DbUp}", string.Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{DbUp}", string.Format(format, args));
    }
}
