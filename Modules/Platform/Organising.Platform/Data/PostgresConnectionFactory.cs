using System.Data;
using System.Data.Common;
using Npgsql;

namespace Organising.Platform.Data;

/// <summary>
/// PostgreSQL for deployments beyond one server: one pooled data source per process. Writes take one
/// transaction-scoped advisory lock, so they queue one at a time across every app instance, exactly as
/// SQLite's BEGIN IMMEDIATE queues them: the checks made before a write (the last Administrator, a
/// duplicate name, an invitation used once) hold without each handler knowing about the other instances.
/// Reads never wait for it.
/// </summary>
public sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock key every write transaction takes ("ORGW").</summary>
    public const long WriteLockKey = 0x4F524757;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public SqlDialect Dialect => SqlDialect.Postgres;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    public async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriteLockKey})", (NpgsqlConnection)connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
