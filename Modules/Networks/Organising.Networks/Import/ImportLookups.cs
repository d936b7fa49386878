using System.Data.Common;
using Dapper;

namespace Organising.Networks.Import;

/// <summary>Helpers both imports share: network names, list cells, and reading keys in chunks.</summary>
internal static class ImportLookups
{
    /// <summary>At most this many values in one IN list (well under every engine's parameter limit).</summary>
    public const int Chunk = 500;

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

    /// <summary>Runs <paramref name="sql"/> (with an <c>IN @keys</c> list) over the keys in chunks.</summary>
    public static async Task<List<T>> InChunksAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<string> keys, CancellationToken ct)
    {
        var all = keys.Distinct().ToList();
        var results = new List<T>();
        for (var i = 0; i < all.Count; i += Chunk)
        {
            var chunk = all.GetRange(i, Math.Min(Chunk, all.Count - i)).ToArray();
            results.AddRange(await connection.QueryAsync<T>(new CommandDefinition(sql, new { keys = chunk }, transaction, cancellationToken: ct)));
        }
        return results;
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
        command.Prepare();
        return command;
    }

    public static async Task RunAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }
}
