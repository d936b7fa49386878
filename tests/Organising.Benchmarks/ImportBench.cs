using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Organising.Networks;
using Organising.Networks.Areas.Networks.Pages.Import;
using Organising.Networks.Import;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Benchmarks;

/// <summary>
/// The CSV import at scale: a generator for a realistic people file, and a run of the real preview (upload) and
/// confirm handlers against a SQLite file, each in one transaction as the mediator's unit of work would run it.
/// </summary>
internal static class ImportBench
{
    private static readonly string[] FirstNames = ["Amina", "Fatima", "Hodan", "Sarah", "Grace", "Mohammed", "James", "Priya", "Olu", "Wei", "Maria", "Tomasz", "Aisha", "David", "Chloé", "Yusuf", "Nadia", "Kwame", "Ellen", "Ravi", "Zoë", "Siân"];
    private static readonly string[] LastNames = ["Ahmed", "Hassan", "Smith", "Jones", "Okafor", "Patel", "Khan", "Nowak", "Chen", "Williams", "Begum", "Mensah", "Brown", "Ali", "Taylor", "Osei", "O'Brien", "Singh", "Warsame", "Murphy", "Żak"];
    private static readonly string[] Languages = ["en-GB", "English", "", "so", "Bengali", "ur", "pl", "Arabic", "", "ro"];
    private static readonly string[] Channels = ["email", "phone", "text", "", "post", "in-person", ""];
    private static readonly string[] Roles = ["patient", "carer", "resident; patient", "clinician", "staff", "other", ""];
    private static readonly string[] HowWeMet = ["", "", "Street stall outside the library", "House meeting, said \"call me\"", "Referred by the GP practice,\nfollowed up by phone", "One-to-one"];

    public static int WritePeopleCsv(string[] args)
    {
        if (args.Length < 1) return 2;
        var rows = Seeding.IntArg(args, 1, 50_000);
        var networks = Seeding.IntArg(args, 2, 50);
        var random = new Random(11);
        using var writer = new StreamWriter(args[0], false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.NewLine = "\r\n"; // as Excel writes it
        writer.WriteLine(string.Join(',', PeopleImport.Columns.Select(c => c.Heading)));
        for (var i = 0; i < rows; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var name = $"{first} {LastNames[random.Next(LastNames.Length)]} {i}";
            var network = random.Next(4) == 0 ? "" : $"Bench network {random.Next(networks):D3}" + (random.Next(5) == 0 ? $"; Bench network {random.Next(networks):D3}" : "");
            string?[] values =
            [
                name, random.Next(4) == 0 ? first : "", random.Next(10) < 8 ? $"import{i}@example.org" : "",
                random.Next(3) > 0 ? $"07700 {900000 + i % 100000:D6}" : "", $"E{1 + i % 20} {i % 10}{(char)('A' + i % 26)}{(char)('A' + (i / 26) % 26)}",
                Languages[random.Next(Languages.Length)], Channels[random.Next(Channels.Length)],
                random.Next(10) == 0 ? "Step-free access, please.\nHearing loop." : "", Roles[random.Next(Roles.Length)], network,
                random.Next(3) == 0 ? "yes" : "no", HowWeMet[random.Next(HowWeMet.Length)], $"CRM-{i:D7}",
            ];
            writer.WriteLine(string.Join(',', values.Select(Quote)));
        }
        Console.WriteLine($"Wrote {rows:N0} people to {args[0]} ({new FileInfo(args[0]).Length / 1024.0 / 1024.0:0.0} MB)");
        return 0;
    }

    private static string Quote(string? value) =>
        value is null || value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value ?? "" : $"\"{value.Replace("\"", "\"\"")}\"";

    /// <summary>Creates (or brings up to date) the database of DATA_DIR with the Platform and Networks migrations.</summary>
    public static int Migrate(string[] args)
    {
        if (args.Length < 1) return 2;
        Migrated(args[0]);
        Console.WriteLine($"Migrated {Path.Combine(args[0], "organising.db")}");
        return 0;
    }

    private static SqliteConnectionFactory Migrated(string dataDirectory)
    {
        var factory = new SqliteConnectionFactory(Path.Combine(dataDirectory, "organising.db"));
        DapperTypeHandlers.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true; // as the app's AddPlatform sets it
        new Migrator(DatabaseTarget.Sqlite(factory.DatabasePath), [PlatformModule.Definition, NetworksModule.Definition], NullLogger<Migrator>.Instance).MigrateAll();
        return factory;
    }

    public static async Task<int> ImportPeople(string[] args)
    {
        if (args.Length < 2) return 2;
        var factory = Migrated(args[0]);
        await EnsureBenchNetworksAsync(factory, 50);
        if (Environment.GetEnvironmentVariable("IMPORT_BENCH_NO_SEARCH_INDEX") == "1")
        {
            // For measuring what the trigram index's triggers cost: the people search is wrong in this database afterwards.
            await using var connection = await factory.OpenAsync();
            await connection.ExecuteAsync("DROP TRIGGER IF EXISTS networks_person_search_insert; DROP TRIGGER IF EXISTS networks_person_search_update;");
            Console.WriteLine("Search index triggers dropped (measurement only)");
        }
        var content = await File.ReadAllBytesAsync(args[1]);
        var user = new BenchOrganiser();
        var time = TimeProvider.System;

        await using (var session = new DbSession(factory))
        {
            var before = await (await session.ConnectionAsync()).ExecuteScalarAsync<long>("SELECT COUNT(*) FROM networks_person");
            Console.WriteLine($"{before:N0} people in the database before; file {content.Length / 1024.0 / 1024.0:0.0} MB");
        }
        for (var pass = 1; pass <= 2; pass++)
        {
            var (token, previewMs) = await TimedAsync(factory, s => new UploadImport.Handler(s, user, time).Handle(new UploadImport.Command(ImportKinds.People, Path.GetFileName(args[1]), content), default));
            var (result, confirmMs) = await TimedAsync(factory, s => new ConfirmImport.Handler(s, user, time).Handle(new ConfirmImport.Command(token), default));
            Console.WriteLine($"pass {pass}: preview {previewMs:N0} ms, confirm {confirmMs:N0} ms: {result.Added:N0} added, {result.Updated:N0} updated, "
                + $"{result.Unchanged:N0} unchanged, {result.ErrorRows:N0} rows with errors{(result.Confirmed ? "" : " (NOT CONFIRMED)")}");
            if (!result.Confirmed) return 1;
        }
        await BreakdownAsync(factory, content, user, time);
        return 0;
    }

    /// <summary>Where a preview's time goes: reading the file, checking the rows against the database, writing (rolled back).</summary>
    private static async Task BreakdownAsync(SqliteConnectionFactory factory, byte[] content, ICurrentUser user, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        var file = ImportCsv.Read(content, PeopleImport.Columns);
        var readMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await using var session = new DbSession(factory);
        await session.BeginAsync(default);
        var connection = await session.ConnectionAsync();
        started = Stopwatch.GetTimestamp();
        var checkedImport = await ImportRunner.CheckAsync(connection, session.Transaction, ImportKinds.People, file, default);
        var checkMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        var json = System.Text.Json.JsonSerializer.Serialize(checkedImport.Preview);
        var jsonMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine($"breakdown (database already holds the file's people): read {readMs:N0} ms, check {checkMs:N0} ms, preview JSON {jsonMs:N0} ms ({json.Length / 1024 / 1024.0:0.0} MB)");
    }

    /// <summary>Runs <paramref name="work"/> as the unit-of-work behaviour would: one write transaction, committed at the end.</summary>
    private static async Task<(T, double)> TimedAsync<T>(SqliteConnectionFactory factory, Func<DbSession, ValueTask<T>> work)
    {
        await using var session = new DbSession(factory);
        var started = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await session.BeginAsync(default);
        if (Environment.GetEnvironmentVariable("IMPORT_BENCH_PRAGMA") is { Length: > 0 } pragma)
            await (await session.ConnectionAsync()).ExecuteAsync(pragma, transaction: session.Transaction);
        var result = await work(session);
        await session.CommitAsync(default);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine($"  ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:N0} ms of CPU in {elapsed:N0} ms)");
        return (result, elapsed);
    }

    private static async Task EnsureBenchNetworksAsync(SqliteConnectionFactory factory, int count)
    {
        await using var connection = await factory.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            await connection.ExecuteAsync("""
                INSERT INTO networks_network (id, name, kind, created_at)
                SELECT @id, @name, 'place', @now WHERE NOT EXISTS (SELECT 1 FROM networks_network WHERE lower(name) = lower(@name))
                """, new { id = Guid.CreateVersion7().ToString(), name = $"Bench network {i:D3}", now = Seeding.Instant(DateTimeOffset.UtcNow) });
        }
    }
}
