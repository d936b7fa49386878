using System.Data.Common;

namespace Organising.Platform.Data;

/// <summary>The one place that knows how to open a connection and start a write on this engine.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }
    ValueTask<DbConnection> OpenAsync(CancellationToken ct = default);
    ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default);
}
