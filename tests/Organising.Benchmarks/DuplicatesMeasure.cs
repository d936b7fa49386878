using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Organising.Networks.Areas.Networks.Pages.Duplicates;

namespace Organising.Benchmarks;

/// <summary>
/// Times the duplicate-suggestions query (the /Networks/Duplicates page's SQL) on a seeded install, after planting
/// likely duplicates among the generated people (the generator makes none): a third share an e-mail, a third a phone,
/// a third a similar name at the same postcode. Prints the SQLite version, the plan and the times of the first page
/// of everyone's pairs and of one person's pairs.
/// </summary>
internal static class DuplicatesMeasure
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var pairs = Seeding.IntArg(args, 1, 1_000);
        var runs = Seeding.IntArg(args, 2, 10);
        using var connection = Seeding.Open(args[0]);
        if (connection is null) return 1;

        Console.WriteLine($"SQLite {Scalar(connection, "SELECT sqlite_version()")}, {Scalar(connection, "SELECT COUNT(*) FROM networks_person")} people");
        if (Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM networks_person WHERE search_text = 'planted'")) == 0) Plant(connection, pairs);

        var someone = (string)Scalar(connection, "SELECT id FROM networks_person WHERE search_text = 'planted' LIMIT 1")!;
        foreach (var (sql, personId) in new[] { (FindDuplicates.AllPairsSql, (string?)null), (FindDuplicates.PersonPairsSql, someone) })
        {
            using var plan = connection.CreateCommand();
            plan.CommandText = "EXPLAIN QUERY PLAN " + sql;
            Bind(plan, personId);
            using var reader = plan.ExecuteReader();
            while (reader.Read()) Console.WriteLine($"  plan: {reader.GetString(3)}");
        }
        Measure(connection, "first page of all pairs", FindDuplicates.AllPairsSql, null, runs);
        Measure(connection, "one person's pairs (merge page)", FindDuplicates.PersonPairsSql, someone, runs);
        return 0;
    }

    private static void Measure(SqliteConnection connection, string label, string sql, string? personId, int runs)
    {
        var times = new List<double>();
        long total = 0;
        for (var i = 0; i < runs; i++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, personId);
            var started = Stopwatch.GetTimestamp();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) total = reader.GetInt64(3);
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"Duplicates, {label}: {total} pairs; median {times[times.Count / 2]:0.0} ms, best {times[0]:0.0} ms, worst {times[^1]:0.0} ms over {runs} runs");
    }

    private static void Bind(SqliteCommand command, string? personId)
    {
        command.Parameters.AddWithValue("@personId", (object?)personId ?? DBNull.Value);
        command.Parameters.AddWithValue("@limit", 50);
        command.Parameters.AddWithValue("@offset", 0);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Pairs of records of one person, as imports and second meetings make them.</summary>
    private static void Plant(SqliteConnection connection, int pairs)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var each = pairs / 3;
        command.CommandText = $"""
            INSERT INTO networks_person (id, full_name, email, email_normalized, search_text, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), full_name || ' (again)', email, email_normalized, 'planted', created_at, updated_at
            FROM networks_person WHERE email_normalized IS NOT NULL AND search_text <> 'planted' AND erased_at IS NULL AND merged_into IS NULL ORDER BY rowid LIMIT {each};
            INSERT INTO networks_person (id, full_name, phone, phone_normalized, search_text, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), 'Phone sharer ' || rowid, phone, phone_normalized, 'planted', created_at, updated_at
            FROM networks_person WHERE phone_normalized IS NOT NULL AND search_text <> 'planted' AND erased_at IS NULL AND merged_into IS NULL ORDER BY rowid DESC LIMIT {each};
            INSERT INTO networks_person (id, full_name, postcode, postcode_normalized, search_text, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), substr(full_name, 1, 1) || '. ' || substr(full_name, length(rtrim(full_name, replace(full_name, ' ', ''))) + 1),
                   postcode, postcode_normalized, 'planted', created_at, updated_at
            FROM networks_person WHERE postcode_normalized IS NOT NULL AND erased_at IS NULL AND merged_into IS NULL AND search_text <> 'planted'
            ORDER BY rowid LIMIT {pairs - 2 * each} OFFSET 40000;
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
