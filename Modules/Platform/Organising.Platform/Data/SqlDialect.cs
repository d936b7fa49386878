namespace Organising.Platform.Data;

/// <summary>
/// Where SQLite and PostgreSQL really differ. Everything else is one SQL text for both engines: plain SQL,
/// ON CONFLICT, RETURNING, LIMIT/OFFSET, lower(x) LIKE with ESCAPE, ids and instants as fixed-width text.
/// Where a query must differ, it asks <see cref="Engine"/> in one place beside both texts (today only the people
/// search: SQLite's FTS5 index against PostgreSQL's pg_trgm). Connections and write transactions differ in the
/// <see cref="IDbConnectionFactory"/>, and migrations by file (see <see cref="Migrator"/>).
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseEngine.Sqlite);
    public static readonly SqlDialect Postgres = new(DatabaseEngine.Postgres);

    private SqlDialect(DatabaseEngine engine) => Engine = engine;

    public DatabaseEngine Engine { get; }

    public override string ToString() => Engine.ToString();
}
