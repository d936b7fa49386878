using System.Data.Common;
using Dapper;

namespace Organising.Platform.Data;

/// <summary>
/// The request's one connection, opened on first use, and its write transaction while a command runs.
/// Everything in a scope (handlers, event consumers, Identity stores) shares it, so a command and
/// all it causes commit together.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;
    private List<Func<ValueTask>>? _afterCommit;
    private long? _writeVersion;

    public SqlDialect Dialect => factory.Dialect;

    public DbTransaction? Transaction { get; private set; }

    public bool InTransaction => Transaction is not null;

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct = default)
    {
        _connection ??= await factory.OpenAsync(ct);
        return _connection;
    }

    /// <summary>Begins the write transaction, or joins the one already open (nested commands).</summary>
    internal async ValueTask<bool> BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) return false;
        var connection = await ConnectionAsync(ct);
        Transaction = await factory.BeginWriteAsync(connection, ct);
        return true;
    }

    internal async ValueTask CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        await _connection!.ExecuteAsync(new CommandDefinition(BumpWriteVersionSql, transaction: Transaction, cancellationToken: ct));
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
        _writeVersion = null;
        var callbacks = _afterCommit;
        _afterCommit = null;
        foreach (var callback in callbacks ?? []) await callback();
    }

    /// <summary>Counts a committed write (see <see cref="ReadCache"/>); also for writes made outside a session.</summary>
    public const string BumpWriteVersionSql = "UPDATE platform_write_version SET version = version + 1 WHERE id = 1";

    /// <summary>How many writes have committed to this database, through any app instance; read once per session.</summary>
    internal async ValueTask<long> WriteVersionAsync(CancellationToken ct = default)
    {
        if (_writeVersion is { } known) return known;
        var connection = await ConnectionAsync(ct);
        _writeVersion = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT version FROM platform_write_version WHERE id = 1", cancellationToken: ct));
        return _writeVersion.Value;
    }

    /// <summary>Runs once the current transaction has committed (at once if there is none); dropped on rollback.
    /// For in-memory caches that must not see uncommitted data.</summary>
    public void AfterCommit(Action callback)
    {
        if (Transaction is null) { callback(); return; }
        AfterCommitAsync(() => { callback(); return ValueTask.CompletedTask; });
    }

    /// <summary>As <see cref="AfterCommit(Action)"/>, for work that waits; the caller must be in a transaction.</summary>
    public void AfterCommitAsync(Func<ValueTask> callback)
    {
        if (Transaction is null) throw new InvalidOperationException("There is no transaction to wait for.");
        (_afterCommit ??= []).Add(callback);
    }

    internal async ValueTask RollbackAsync()
    {
        _afterCommit = null;
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
        _connection = null;
    }
}
