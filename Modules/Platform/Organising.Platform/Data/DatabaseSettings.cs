using Npgsql;

namespace Organising.Platform.Data;

public enum DatabaseEngine { Sqlite, Postgres }

/// <summary>The "Organising:Database" section: which engine, and where. SQLite in the data folder needs neither.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (the default: a file in the data folder) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseEngine.Sqlite);

    /// <summary>An Npgsql connection string; required for Postgres and not used for SQLite.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>A database setting the app cannot start with. The message names the setting to fix.</summary>
public sealed class DatabaseSettingsException(string message) : Exception(message);

/// <summary>The engine and connection string the settings choose, checked once at start-up.</summary>
public sealed record DatabaseTarget(DatabaseEngine Engine, string ConnectionString, string Description)
{
    public const string ProviderSetting = "Organising__Database__Provider";
    public const string ConnectionStringSetting = "Organising__Database__ConnectionString";

    public static DatabaseTarget From(OrganisingOptions options) =>
        EngineOf(options.Database) == DatabaseEngine.Postgres
            ? Postgres(options.Database.ConnectionString)
            : Sqlite(options.DatabasePath);

    /// <summary>The engine the provider setting names, without needing its connection string.</summary>
    public static DatabaseEngine EngineOf(DatabaseOptions database)
    {
        var provider = (database.Provider ?? "").Trim();
        if (provider.Length == 0 || provider.Equals(nameof(DatabaseEngine.Sqlite), StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseEngine.Sqlite;
        }
        if (provider.Equals(nameof(DatabaseEngine.Postgres), StringComparison.OrdinalIgnoreCase)
            || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseEngine.Postgres;
        }
        throw new DatabaseSettingsException($"{ProviderSetting} is '{provider}', which is not a database this app knows: use Sqlite or Postgres.");
    }

    /// <summary>
    /// Settings for many short queries from a web app, unless the connection string says otherwise. Measured on the
    /// benchmark set (100,000 people), the people list spent 26 ms of its 31 ms starting parallel workers for a query
    /// that takes 1 ms alone, and every pooled connection's DISCARD ALL cost a round trip and threw away the
    /// statements Npgsql had prepared.
    /// </summary>
    private static void WebDefaults(NpgsqlConnectionStringBuilder builder, string given)
    {
        bool Given(string keyword) => given.Contains(keyword, StringComparison.OrdinalIgnoreCase);
        if (!Given("Options")) builder.Options = "-c max_parallel_workers_per_gather=0";
        if (!Given("No Reset On Close") && !Given("NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Given("Max Auto Prepare") && !Given("MaxAutoPrepare")) builder.MaxAutoPrepare = 50;
    }

    public static DatabaseTarget Sqlite(string databasePath) =>
        new(DatabaseEngine.Sqlite, SqliteConnectionFactory.BuildConnectionString(databasePath), databasePath);

    /// <param name="setting">Where the connection string came from, for the messages (a command-line option, say).</param>
    public static DatabaseTarget Postgres(string? connectionString, string setting = ConnectionStringSetting)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseSettingsException($"{setting} is empty: Postgres needs a connection string such as \"Host=db;Database=organising;Username=organising;Password=...\".");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseSettingsException($"{setting} is not a PostgreSQL connection string ({ex.Message}).");
        }
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new DatabaseSettingsException($"{setting} must name a Host and a Database.");
        }
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "organising";
        WebDefaults(builder, connectionString);
        return new(DatabaseEngine.Postgres, builder.ConnectionString, $"database {builder.Database} on {builder.Host}:{builder.Port}");
    }
}
