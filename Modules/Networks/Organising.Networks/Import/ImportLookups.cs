using System.Data.Common;
using Dapper;

namespace Organising.Networks.Import;

/// <summary>Helpers both imports share: network names, list cells, and reading keys in chunks.</summary>
internal static class ImportLookups
{
    public sealed class NetworkRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public DateTimeOffset? ArchivedAt { get; init; }
    }

    public static async Task<Dictionary<string, NetworkRow>> NetworksByNameAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<NetworkRow>(new CommandDefinition(
            "SELECT id, name, archived_at FROM networks_network", transaction: transaction, cancellationToken: ct));
        var byName = new Dictionary<string, NetworkRow>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows) byName.TryAdd(row.Name.Trim(), row);
        return byName;
    }

    /// <summary>"Riverside; Diabetes pathway" as its parts (semicolons, as the CSV exports write lists; a comma-free cell may use commas).</summary>
    public static List<string> SplitList(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return [];
        var separator = cell.Contains(';') ? ';' : cell.Contains('|') ? '|' : ',';
        return cell.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The ids of the named networks; an error for each one unknown or archived.</summary>
    public static List<Guid> ResolveNetworks(string? cell, Dictionary<string, NetworkRow> networks, List<string> errors)
    {
        var ids = new List<Guid>();
        foreach (var name in SplitList(cell))
        {
            if (!networks.TryGetValue(name, out var network)) errors.Add($"There is no network called “{name}”. Check its spelling against the Networks page.");
            else if (network.ArchivedAt is not null) errors.Add($"The network “{network.Name}” is archived.");
            else ids.Add(network.Id);
        }
        return ids.Distinct().ToList();
    }

    /// <summary>
    /// The keys of an import as one parameter: <c>IN (SELECT value FROM json_each(@keys))</c> reads them from a JSON array.
    /// One statement for 50,000 keys, where IN lists of 500 parameters cost a statement (and a parameter collection) each:
    /// measured on a 50,000-row file, the preview's CPU time fell from 3.1 s to 1.5 s. SQLite's form; PostgreSQL would say
    /// <c>= ANY(@keys)</c> with an array, behind the dialect seam once that engine lands.
    /// </summary>
    public const string Keys = "(SELECT value FROM json_each(@keys))";

    /// <summary>Runs <paramref name="sql"/> (which uses <see cref="Keys"/>) for all the keys at once.</summary>
    public static async Task<List<T>> InKeysAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<string> keys, CancellationToken ct)
    {
        var all = keys.Distinct().ToList();
        if (all.Count == 0) return [];
        var json = System.Text.Json.JsonSerializer.Serialize(all);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, new { keys = json }, transaction, cancellationToken: ct))).AsList();
    }

    public static string? TooLong(ImportColumn column, string? value) =>
        value is not null && value.Length > column.MaxLength
            ? $"{column.Label} is longer than {column.MaxLength:N0} characters."
            : null;

    /// <summary>yes/no in the forms people type them; null when the cell is not one of them.</summary>
    public static bool? YesNo(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// A bigger SQLite page cache (128 MB instead of 2 MB) while an import writes, restored afterwards: tens of thousands of
    /// inserts touch the pages of nine indexes and the search index, and with the default cache those pages spill and
    /// are read back again. Measured on 50,000 people: the confirm's CPU time fell from about 11.8 s to 8.9 s.
    /// </summary>
    public static async Task<IAsyncDisposable> LargerCacheAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection) return new Restore(null, connection, transaction);
        var previous = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -131072", transaction: transaction, cancellationToken: ct));
        return new Restore(previous, connection, transaction);
    }

    private sealed class Restore(long? previous, DbConnection connection, DbTransaction? transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // A constant statement: the value is a number read from SQLite itself.
            if (previous is { } size) await connection.ExecuteAsync($"PRAGMA cache_size = {size}", transaction: transaction);
        }
    }

    /// <summary>A parameter for each name, on a command prepared once and run for every row.</summary>
    public static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        // SQLite prepares untyped parameters; Npgsql needs their types first, so there the statement runs unprepared.
        if (connection is Microsoft.Data.Sqlite.SqliteConnection) command.Prepare();
        return command;
    }

    public static async Task RunAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }
}
