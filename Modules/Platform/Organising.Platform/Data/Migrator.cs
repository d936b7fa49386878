using DbUp;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Organising.Platform.Modules;

namespace Organising.Platform.Data;

/// <summary>Runs each module's embedded SQL migrations at start-up, one DbUp journal per module.</summary>
public sealed class Migrator(SqliteConnectionFactory factory, IEnumerable<ModuleDefinition> modules, ILogger<Migrator> logger)
{
    public bool Completed { get; private set; }

    public void MigrateAll()
    {
        var directory = Path.GetDirectoryName(factory.DatabasePath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        using (var connection = new SqliteConnection(SqliteConnectionFactory.BuildConnectionString(factory.DatabasePath)))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        foreach (var module in modules.OrderBy(m => m.Name == "platform" ? 0 : 1).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            Migrate(module);
        }
        Completed = true;
    }

    private void Migrate(ModuleDefinition module)
    {
        var engine = DeployChanges.To
            .SqliteDatabase(SqliteConnectionFactory.BuildConnectionString(factory.DatabasePath))
            .WithScriptsEmbeddedInAssembly(module.Assembly, name =>
                name.StartsWith(module.MigrationResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToSqliteTable(module.JournalTable)
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
