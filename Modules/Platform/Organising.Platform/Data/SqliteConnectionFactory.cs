using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Organising.Platform.Data;

/// <summary>
/// SQLite as the embedded default: WAL (set once by the migrator, it persists in the file),
/// synchronous=FULL and a busy timeout on every connection, foreign keys on, and
/// BEGIN IMMEDIATE for writes so two writers queue instead of failing at commit.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public const int BusyTimeoutMs = 10_000;
    private readonly string _connectionString;
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public SqliteConnectionFactory(string databasePath)
    {
        DatabasePath = databasePath;
        _connectionString = BuildConnectionString(databasePath);
    }

    public string DatabasePath { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public static string BuildConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = BusyTimeoutMs / 1000,
        Mode = SqliteOpenMode.ReadWriteCreate,
    }.ToString();

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // The settings stay with the physical connection, which the pool hands out again and again:
        // set them once per handle, not with an extra statement on every open.
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA cache_size=-8000;";
            await pragma.ExecuteNonQueryAsync(ct);
            Configured.AddOrUpdate(handle, handle);
        }
        return connection;
    }

    public ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        // deferred: false makes Microsoft.Data.Sqlite issue BEGIN IMMEDIATE.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return ValueTask.FromResult(transaction);
    }
}
