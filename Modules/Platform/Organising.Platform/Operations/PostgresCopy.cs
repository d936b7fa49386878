using System.Data;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Organising.Platform.Data;
using Organising.Platform.Modules;

namespace Organising.Platform.Operations;

/// <summary>Why copy-to-postgres stopped, in words the person running it can act on.</summary>
public sealed class PostgresCopyException(string message) : Exception(message);

/// <summary>One table after the copy: the rows and checksum read back from each side.</summary>
public sealed record TableCheck(string Table, long SourceRows, string SourceChecksum, long TargetRows, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

public sealed record PostgresCopyResult(IReadOnlyList<TableCheck> Tables, IReadOnlyList<string> NotCopied)
{
    public bool AllMatch => Tables.All(t => t.Matches);
    public long Rows => Tables.Sum(t => t.SourceRows);
}

/// <summary>
/// Moves an install from its SQLite file into an empty PostgreSQL database: migrates the target with each module's
/// own migrations, copies every table both databases then have (one transaction, parents before children), and
/// reads each table back from both sides to compare row counts and checksums. The tables come from the two
/// databases' catalogues, so a new module's tables are copied without anyone listing them here.
/// </summary>
public static class PostgresCopy
{
    private sealed record Column(string Name, string Type);

    /// <summary>A table to copy: the columns both sides have, and the key its rows are read back in.</summary>
    private sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<Column> Key);

    public static PostgresCopyResult Run(string sqlitePath, DatabaseTarget target, IReadOnlyList<ModuleDefinition> modules, TextWriter log)
    {
        if (target.Engine != DatabaseEngine.Postgres) throw new ArgumentException("The target must be a PostgreSQL database.", nameof(target));
        var total = Stopwatch.StartNew();

        using var source = OpenSource(sqlitePath);
        // One read transaction throughout: the copy and its check see the same snapshot, even if the app still writes.
        using var snapshot = source.BeginTransaction(deferred: true);
        EnsureUpToDate(source, snapshot, modules, sqlitePath);

        using var pg = OpenTarget(target);
        EnsureEmpty(pg, modules, target);

        log.WriteLine($"Copying {Path.GetFullPath(sqlitePath)} to the {target.Description}.");
        List<Table> tables;
        List<string> notCopied;
        var copying = new Stopwatch();
        try
        {
            new Migrator(target, modules, NullLogger<Migrator>.Instance).MigrateAll();
            (tables, notCopied) = Plan(source, snapshot, pg, modules);
            if (notCopied.Count > 0) log.WriteLine($"Not copied (SQLite only): {string.Join(", ", notCopied)}");
            copying.Start();
            Copy(source, snapshot, pg, tables, log);
            copying.Stop();
        }
        catch (Exception ex) when (ex is PostgresCopyException or NpgsqlException or SqliteException or InvalidOperationException)
        {
            // The copy is one transaction, but each migration commits on its own.
            throw new PostgresCopyException($"{ex.Message.TrimEnd('.')}. No rows were copied, but the target now holds this app's empty tables: drop and recreate it before trying again.");
        }

        log.WriteLine("Checking each table on both sides:");
        var checking = Stopwatch.StartNew();
        var checks = new List<TableCheck>();
        foreach (var table in tables)
        {
            var check = Check(source, snapshot, pg, table);
            checks.Add(check);
            log.WriteLine(Invariant($"  {table.Name,-36} {check.TargetRows,11:N0} rows  {check.TargetChecksum[..12]}  {(check.Matches ? "OK" : $"MISMATCH (SQLite: {check.SourceRows:N0} rows, {check.SourceChecksum[..12]})")}"));
        }

        var result = new PostgresCopyResult(checks, notCopied);
        var rate = result.Rows / Math.Max(copying.Elapsed.TotalSeconds, 0.001);
        log.WriteLine(result.AllMatch
            ? Invariant($"Copied {result.Rows:N0} rows in {checks.Count} tables in {copying.Elapsed.TotalSeconds:F1} s ({rate:N0} rows/s); checked in {checking.Elapsed.TotalSeconds:F1} s, every count and checksum matches; {total.Elapsed.TotalSeconds:F1} s in all.")
            : Invariant($"MISMATCH in {checks.Count(c => !c.Matches)} of {checks.Count} tables ({string.Join(", ", checks.Where(c => !c.Matches).Select(c => c.Table))}): do not use the copy; {total.Elapsed.TotalSeconds:F1} s in all."));
        return result;
    }

    private static SqliteConnection OpenSource(string path)
    {
        if (!File.Exists(path)) throw new PostgresCopyException($"There is no SQLite database at {Path.GetFullPath(path)}.");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new PostgresCopyException($"{path} is not a readable SQLite database ({ex.Message.TrimEnd('.')}).");
        }
    }

    /// <summary>The source must have exactly this version's migrations, so both sides have the same tables and columns.</summary>
    private static void EnsureUpToDate(SqliteConnection source, SqliteTransaction snapshot, IReadOnlyList<ModuleDefinition> modules, string path)
    {
        var tables = source.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'", transaction: snapshot).ToHashSet(StringComparer.Ordinal);
        if (!modules.Any(m => tables.Contains(m.JournalTable)))
        {
            throw new PostgresCopyException($"{path} is an SQLite database but not this app's: it has no {modules[0].JournalTable} table.");
        }
        var unknown = tables.Where(t => t.EndsWith("_schema_versions", StringComparison.Ordinal) && modules.All(m => m.JournalTable != t)).ToList();
        if (unknown.Count > 0)
        {
            throw new PostgresCopyException($"{path} holds a module this version of the app does not know ({unknown[0]}): copy it with the version that wrote it.");
        }
        foreach (var module in modules)
        {
            var applied = tables.Contains(module.JournalTable)
                ? source.Query<string>($"SELECT ScriptName FROM {Quote(module.JournalTable)}", transaction: snapshot).ToHashSet(StringComparer.Ordinal)
                : [];
            var expected = Migrator.ScriptsFor(module, DatabaseEngine.Sqlite);
            if (applied.Except(expected).FirstOrDefault() is { } newer)
            {
                throw new PostgresCopyException($"{path} was migrated by a newer version of the app ({newer}): copy it with that version.");
            }
            if (expected.Except(applied).Order(StringComparer.Ordinal).FirstOrDefault() is { } missing)
            {
                throw new PostgresCopyException($"{path} lacks this version's migration {missing}: start this version of the app on it once, stop it, then copy.");
            }
        }
    }

    private static NpgsqlConnection OpenTarget(DatabaseTarget target)
    {
        // No command timeout: copying and reading back a large table takes as long as it takes.
        var connectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString) { CommandTimeout = 0, Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (NpgsqlException ex)
        {
            connection.Dispose();
            var reason = ex.InnerException is { } inner && ex is not PostgresException ? $"{ex.Message}: {inner.Message}" : ex.Message;
            throw new PostgresCopyException($"Cannot connect to the {target.Description}: {reason}");
        }
    }

    private static void EnsureEmpty(NpgsqlConnection pg, IReadOnlyList<ModuleDefinition> modules, DatabaseTarget target)
    {
        // DbUp keeps its journals in public; the migrations create tables in the first schema of the search path.
        var ours = pg.Query<string>("""
                SELECT DISTINCT table_name::text FROM information_schema.tables
                WHERE table_schema IN (current_schema(), 'public') ORDER BY 1
                """)
            .Where(name => modules.Any(m => name.StartsWith(m.TablePrefix + "_", StringComparison.Ordinal)))
            .ToList();
        if (ours.Count > 0)
        {
            throw new PostgresCopyException($"The {target.Description} already holds this app's tables ({string.Join(", ", ours.Take(3))}{(ours.Count > 3 ? ", ..." : "")}); "
                + "copy-to-postgres only copies into an empty database, and has changed nothing.");
        }
    }

    /// <summary>Every table both sides have, but the migration journals, in an order that puts each table after those it refers to.</summary>
    private static (List<Table> Tables, List<string> NotCopied) Plan(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection pg, IReadOnlyList<ModuleDefinition> modules)
    {
        var targetColumns = pg.Query<(string Table, string Column, string Type)>("""
                SELECT c.table_name::text, c.column_name::text, c.data_type::text
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                WHERE c.table_schema = current_schema()
                ORDER BY c.table_name, c.ordinal_position
                """)
            .GroupBy(c => c.Table)
            .ToDictionary(g => g.Key, g => g.Select(c => new Column(c.Column, c.Type)).ToList(), StringComparer.Ordinal);
        var foreignKeys = pg.Query<(string Table, string Referenced)>("""
                SELECT DISTINCT t.relname::text, r.relname::text
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_class r ON r.oid = c.confrelid
                WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
                """).ToList();
        var journals = modules.Select(m => m.JournalTable).ToHashSet(StringComparer.Ordinal);

        var tables = new List<Table>();
        var notCopied = new List<string>();
        var sourceTables = source.Query<string>(@"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name", transaction: snapshot);
        foreach (var name in sourceTables.Where(n => !journals.Contains(n)))
        {
            if (!targetColumns.TryGetValue(name, out var columns))
            {
                notCopied.Add(name);
                continue;
            }
            var sourceColumns = source.Query<(string Name, long Pk)>("SELECT name, pk FROM pragma_table_info(@name) ORDER BY cid", new { name }, snapshot).ToList();
            if (sourceColumns.FirstOrDefault(s => columns.All(c => c.Name != s.Name)) is { Name: not null } lost)
            {
                throw new PostgresCopyException($"{name}.{lost.Name} is in SQLite but not in PostgreSQL, so its values would be lost.");
            }
            var copied = columns.Where(c => sourceColumns.Any(s => s.Name == c.Name)).ToList();
            if (copied.FirstOrDefault(c => !WritableTypes.ContainsKey(c.Type)) is { } unknown)
            {
                throw new PostgresCopyException($"{name}.{unknown.Name} is of PostgreSQL type {unknown.Type}, which copy-to-postgres does not know how to write.");
            }
            var key = sourceColumns.Where(s => s.Pk > 0).OrderBy(s => s.Pk).Select(s => copied.Single(c => c.Name == s.Name)).ToList();
            tables.Add(new Table(name, copied, key.Count > 0 ? key : copied));
        }
        return (InDependencyOrder(tables, foreignKeys), notCopied);
    }

    /// <summary>
    /// Each table after the tables it refers to. A table's references to itself (a person merged into someone added
    /// after them) need no order: PostgreSQL checks a foreign key that is not deferrable at the end of each statement,
    /// and each table goes in as one COPY.
    /// </summary>
    private static List<Table> InDependencyOrder(List<Table> tables, List<(string Table, string Referenced)> foreignKeys)
    {
        var names = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var parents = tables.ToDictionary(t => t.Name, t => foreignKeys
            .Where(f => f.Table == t.Name && f.Referenced != t.Name && names.Contains(f.Referenced))
            .Select(f => f.Referenced).ToHashSet(StringComparer.Ordinal));
        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !placed.Contains(t.Name) && parents[t.Name].IsSubsetOf(placed)).ToList();
            if (ready.Count == 0)
            {
                throw new PostgresCopyException($"The foreign keys between {string.Join(", ", tables.Where(t => !placed.Contains(t.Name)).Select(t => t.Name))} form a cycle, which copy-to-postgres cannot order.");
            }
            ordered.AddRange(ready);
            placed.UnionWith(ready.Select(t => t.Name));
        }
        return ordered;
    }

    private static void Copy(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection pg, List<Table> tables, TextWriter log)
    {
        using var transaction = pg.BeginTransaction();
        // Rows the migrations seeded (platform_write_version's counter) give way to the source's own.
        foreach (var table in Enumerable.Reverse(tables)) pg.Execute($"DELETE FROM {Quote(table.Name)}");
        var indexes = DropSecondaryIndexes(pg, tables);
        foreach (var table in tables)
        {
            var watch = Stopwatch.StartNew();
            var rows = Import(pg, table, SourceRows(source, snapshot, $"SELECT {ColumnList(table.Columns)} FROM {Quote(table.Name)}"));
            log.WriteLine(Invariant($"  copied {table.Name,-36} {rows,11:N0} rows  {watch.Elapsed.TotalSeconds,6:F2} s"));
        }
        var building = Stopwatch.StartNew();
        foreach (var index in indexes) pg.Execute(index);
        log.WriteLine(Invariant($"  built {indexes.Count} indexes in {building.Elapsed.TotalSeconds:F2} s"));
        AdvanceSequences(pg, tables, log);
        transaction.Commit();

        // COPY leaves the planner no statistics: until autovacuum got round to them, it planned the people list
        // for two rows instead of 100,000 (measured on the benchmark set: its p95 at 32 connections was 458 ms).
        var analysing = Stopwatch.StartNew();
        foreach (var table in tables) pg.Execute($"ANALYZE {Quote(table.Name)}");
        log.WriteLine(Invariant($"  analysed {tables.Count} tables in {analysing.Elapsed.TotalSeconds:F2} s"));
    }

    /// <summary>
    /// The indexes no constraint needs go for the copy and come back after it, in the same transaction, returned as
    /// the catalogue's own CREATE INDEX statements: building an index over all the rows at once is much faster than
    /// growing it row by row (the trigram index over people's search text above all).
    /// </summary>
    private static List<string> DropSecondaryIndexes(NpgsqlConnection pg, List<Table> tables)
    {
        var indexes = pg.Query<(string Name, string Definition)>("""
                SELECT i.indexname::text, i.indexdef
                FROM pg_indexes i
                JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = current_schema()::regnamespace
                WHERE i.schemaname = current_schema() AND i.tablename = ANY (@tables)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
                ORDER BY i.tablename, i.indexname
                """, new { tables = tables.Select(t => t.Name).ToArray() }).ToList();
        foreach (var index in indexes) pg.Execute($"DROP INDEX {Quote(index.Name)}");
        return indexes.Select(i => i.Definition).ToList();
    }

    private static long Import(NpgsqlConnection pg, Table table, IEnumerable<IDataRecord> rows)
    {
        using var importer = pg.BeginBinaryImport($"COPY {Quote(table.Name)} ({ColumnList(table.Columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var i = 0; i < table.Columns.Count; i++) Write(importer, row.GetValue(i), table.Name, table.Columns[i]);
        }
        return (long)importer.Complete();
    }

    /// <summary>Ids are text, so no table has a sequence today; one a later module adds must not hand out numbers the copy already used.</summary>
    private static void AdvanceSequences(NpgsqlConnection pg, List<Table> tables, TextWriter log)
    {
        var copied = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var sequences = pg.Query<(string Table, string Column, string Sequence)>("""
                SELECT table_name::text, column_name::text, pg_get_serial_sequence(quote_ident(table_name::text), column_name::text)
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name::text), column_name::text) IS NOT NULL
                """).Where(s => copied.Contains(s.Table)).ToList();
        foreach (var (table, column, sequence) in sequences)
        {
            pg.Execute($"SELECT setval(@sequence::regclass, MAX({Quote(column)})) FROM {Quote(table)} HAVING MAX({Quote(column)}) IS NOT NULL", new { sequence });
            log.WriteLine($"  advanced the sequence {sequence} past {table}.{column}");
        }
    }

    private static TableCheck Check(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection pg, Table table)
    {
        // The same rows in the same order on both sides: text compared byte by byte (SQLite's BINARY, PostgreSQL's "C"),
        // and NULLs first as SQLite puts them.
        var select = $"SELECT {ColumnList(table.Columns)} FROM {Quote(table.Name)} ORDER BY ";
        // The two sides are read at the same time, each on its own connection.
        var sqlite = Task.Run(() => Checksum(SourceRows(source, snapshot, select + string.Join(", ", table.Key.Select(c => IsText(c) ? $"{Quote(c.Name)} COLLATE BINARY" : Quote(c.Name))))));
        var postgres = Task.Run(() => Checksum(TargetRows(pg, select + string.Join(", ", table.Key.Select(c => IsText(c) ? $"{Quote(c.Name)} COLLATE \"C\" NULLS FIRST" : $"{Quote(c.Name)} NULLS FIRST")))));
        Task.WhenAll(sqlite, postgres).GetAwaiter().GetResult(); // both finish before either's failure is thrown, unwrapped
        return new TableCheck(table.Name, sqlite.Result.Rows, sqlite.Result.Checksum, postgres.Result.Rows, postgres.Result.Checksum);
    }

    private static (long Rows, string Checksum) Checksum(IEnumerable<IDataRecord> rows)
    {
        using var checksum = new TableChecksum();
        foreach (var row in rows) checksum.AddRow(row);
        return (checksum.Rows, checksum.Finish());
    }

    private static IEnumerable<IDataRecord> SourceRows(SqliteConnection source, SqliteTransaction snapshot, string sql)
    {
        using var command = new SqliteCommand(sql, source, snapshot);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader;
    }

    private static IEnumerable<IDataRecord> TargetRows(NpgsqlConnection pg, string sql)
    {
        using var command = new NpgsqlCommand(sql, pg);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader;
    }

    /// <summary>The PostgreSQL column types the copy writes, and how; anything else stops the copy before it starts.</summary>
    private static readonly Dictionary<string, NpgsqlDbType> WritableTypes = new(StringComparer.Ordinal)
    {
        ["text"] = NpgsqlDbType.Text,
        ["character varying"] = NpgsqlDbType.Varchar,
        ["integer"] = NpgsqlDbType.Integer,
        ["bigint"] = NpgsqlDbType.Bigint,
        ["smallint"] = NpgsqlDbType.Smallint,
        ["boolean"] = NpgsqlDbType.Boolean,
        ["double precision"] = NpgsqlDbType.Double,
        ["bytea"] = NpgsqlDbType.Bytea,
    };

    private static bool IsText(Column column) => WritableTypes[column.Type] is NpgsqlDbType.Text or NpgsqlDbType.Varchar;

    /// <summary>Writes an SQLite value as it is: SQLite stores a column's values loosely, so one that does not fit stops the copy.</summary>
    private static void Write(NpgsqlBinaryImporter importer, object value, string table, Column column)
    {
        var type = WritableTypes[column.Type];
        switch (type, value)
        {
            case (_, DBNull):
                importer.WriteNull();
                break;
            case (NpgsqlDbType.Text or NpgsqlDbType.Varchar, string text):
                importer.Write(text, type);
                break;
            case (NpgsqlDbType.Bigint, long number):
                importer.Write(number, type);
                break;
            case (NpgsqlDbType.Integer, long number) when number is >= int.MinValue and <= int.MaxValue:
                importer.Write((int)number, type);
                break;
            case (NpgsqlDbType.Smallint, long number) when number is >= short.MinValue and <= short.MaxValue:
                importer.Write((short)number, type);
                break;
            case (NpgsqlDbType.Boolean, long number) when number is 0 or 1:
                importer.Write(number == 1, type);
                break;
            case (NpgsqlDbType.Double, double or long):
                importer.Write(Convert.ToDouble(value, CultureInfo.InvariantCulture), type);
                break;
            case (NpgsqlDbType.Bytea, byte[] bytes):
                importer.Write(bytes, type);
                break;
            default:
                var shown = value is string s && s.Length > 40 ? s[..40] + "..." : value;
                throw new PostgresCopyException($"{table}.{column.Name} holds {value.GetType().Name} '{shown}', which does not fit PostgreSQL's {column.Type}.");
        }
    }

    /// <summary>Table and column names come from the databases' own catalogues; quoted, they are safe in SQL text on both engines.</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string ColumnList(IEnumerable<Column> columns) => string.Join(", ", columns.Select(c => Quote(c.Name)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
