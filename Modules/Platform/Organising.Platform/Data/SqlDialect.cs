namespace Organising.Platform.Data;

/// <summary>
/// Where SQLite and PostgreSQL really differ. Everything else is one SQL text for both engines: plain SQL,
/// ON CONFLICT, RETURNING, LIMIT/OFFSET, lower(x) LIKE with ESCAPE, ids and instants as fixed-width text.
/// A query that must differ names both texts side by side through <see cref="Pick{T}"/>, so neither is forgotten.
/// Migrations differ by file instead: see <see cref="Migrator"/>.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseEngine.Sqlite);
    public static readonly SqlDialect Postgres = new(DatabaseEngine.Postgres);

    private SqlDialect(DatabaseEngine engine) => Engine = engine;

    public DatabaseEngine Engine { get; }

    public static SqlDialect For(DatabaseEngine engine) => engine == DatabaseEngine.Postgres ? Postgres : Sqlite;

    public override string ToString() => Engine.ToString();
}
