using System.Data;
using System.Text;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Listening.Events;

/// <summary>
/// Many rows in one INSERT statement (a chunk of at most <see cref="ChunkRows"/> rows each), so a 30-row report-back
/// form is a handful of statements, not one per row. Values are stored as the type handlers would: Guids as canonical
/// text, instants as fixed-width UTC text; nulls are typed text so PostgreSQL can read them.
/// </summary>
internal static class MultiRowInsert
{
    public const int ChunkRows = 100;

    public static async Task ExecuteAsync(DbSession session, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = await session.ConnectionAsync(ct);
        foreach (var chunk in rows.Chunk(ChunkRows))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{r}_{c}";
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    switch (chunk[r][c])
                    {
                        case null: parameters.Add(name, null, DbType.String); break;
                        case Guid g: parameters.Add(name, g.ToString("D"), DbType.String); break;
                        case DateTimeOffset d: parameters.Add(name, DapperTypeHandlers.ToDbText(d), DbType.String); break;
                        case int i: parameters.Add(name, i, DbType.Int32); break;
                        case string s: parameters.Add(name, s, DbType.String); break;
                        case var other: throw new ArgumentException($"Cannot insert a {other.GetType().Name}.", nameof(rows));
                    }
                }
                sql.Append(')');
            }
            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, session.Transaction, cancellationToken: ct));
        }
    }
}
