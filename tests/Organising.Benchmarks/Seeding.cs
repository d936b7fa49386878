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
}
