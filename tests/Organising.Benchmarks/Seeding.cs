using Microsoft.Data.Sqlite;

namespace Organising.Benchmarks;

internal static class Seeding
{
    public static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

    /// <summary>Opens the install's database, or explains that the app must run once first.</summary>
    public static SqliteConnection? Open(string dataDirectory)
    {
        var database = Path.Combine(dataDirectory, "organising.db");
        if (!File.Exists(database))
        {
            Console.Error.WriteLine($"No database at {database}: start the app once first.");
            return null;
        }
        var connection = new SqliteConnection($"Data Source={database};Foreign Keys=True");
        connection.Open();
        return connection;
    }

    public static int IntArg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;

    /// <summary>Inserts <paramref name="count"/> rows through one prepared command, each with a new id; returns the ids. A table without
    /// an id column (a link table) leaves $id out of its SQL, and the id is not used.</summary>
    public static List<string> Insert(SqliteConnection connection, SqliteTransaction transaction, int count, string sql,
        Action<SqliteCommand, int> bind, params string[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$id", SqliteType.Text);
        foreach (var p in parameters) command.Parameters.Add(p, SqliteType.Text);
        command.Prepare();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7().ToString();
            command.Parameters["$id"].Value = id;
            bind(command, i);
            command.ExecuteNonQuery();
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The first column of every row the query returns, as text.</summary>
    public static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
