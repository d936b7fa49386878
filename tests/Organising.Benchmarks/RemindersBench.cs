using System.Diagnostics;
using System.Globalization;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Organising.Networks;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Messaging;
using Organising.Platform.Modules;
using Organising.Platform.Reminders;

namespace Organising.Benchmarks;

/// <summary>
/// The reminders engine's throughput (issue 5, Performance): N due reminders sent by the real dispatcher to a local
/// SMTP sink, next to a bare MailKit loop sending N equivalent messages over one connection to the same sink in the
/// same run; and the cost of N Schedule calls, each in a unit of work of its own as a module's command would make it.
/// The platform services are the app's own (AddPlatform and AddNetworks on a fresh database), with Hangfire in memory.
/// </summary>
internal static class RemindersBench
{
    private const string From = "organising@example.org";
    private static readonly ReminderKind Kind = new("bench.follow-up", "Bench follow-ups", "Reminders made by the benchmark.");

    public static async Task<int> Run(string[] args)
    {
        var count = 10_000;
        string? postgresServer = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--postgres" && i + 1 < args.Length) postgresServer = args[++i];
            else if (int.TryParse(args[i], CultureInfo.InvariantCulture, out var n) && n > 0) count = n;
            else
            {
                Console.Error.WriteLine("Usage: Organising.Benchmarks reminders [count=10000] [--postgres SERVER_CONNECTION_STRING]");
                return 2;
            }
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "organising-bench-reminders-" + Guid.NewGuid().ToString("N")[..8]);
        var postgres = postgresServer is null ? null : CreateDatabase(postgresServer);
        await using var sink = new SmtpSink();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Organising:DataDirectory"] = dataDirectory,
                ["Organising:Smtp:Host"] = "127.0.0.1",
                ["Organising:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
                ["Organising:Smtp:UseTls"] = "false",
                ["Organising:Smtp:From"] = From,
                ["Organising:Jobs:Storage"] = "InMemory",
                // The app's defaults otherwise (batches of 50); the lease only matters for a crash.
                ["Organising:Reminders:ClaimLease"] = "00:10:00",
            };
            if (postgres is not null)
            {
                settings["Organising:Database:Provider"] = "Postgres";
                settings["Organising:Database:ConnectionString"] = postgres;
            }
            // Organising__Reminders__* in the environment tries other settings (connections, batch size).
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables().Build();
            var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
            services.AddPlatform(configuration);
            services.AddNetworks();
            services.AddSingleton(new ModuleDefinition("bench", "bench", typeof(RemindersBench).Assembly) { ReminderKinds = [Kind] });
            await using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<Migrator>().MigrateAll();
            var engine = postgres is null ? "SQLite (WAL)" : "PostgreSQL";
            Console.WriteLine($"Reminders benchmark: {count:N0} reminders on {engine}, SMTP sink on 127.0.0.1:{sink.Port}");

            var people = await AddPeopleAsync(provider, count);

            // Warm-up: the JIT, the pools and the sink, so neither side pays for its first calls in the figures.
            var warm = Math.Min(500, count);
            await BareLoopAsync(sink.Port, warm, "warm");
            await ScheduleAsync(provider, people.Take(warm), "warm", DateTimeOffset.UtcNow);
            await DispatchAsync(provider);

            var sinkBefore = sink.Messages;
            var scheduleWatch = Stopwatch.StartNew();
            await ScheduleAsync(provider, people, "bench", DateTimeOffset.UtcNow);
            var scheduleSeconds = scheduleWatch.Elapsed.TotalSeconds;

            var dispatchWatch = Stopwatch.StartNew();
            await DispatchAsync(provider);
            var dispatchSeconds = dispatchWatch.Elapsed.TotalSeconds;
            var dispatched = sink.Messages - sinkBefore;
            var sent = await ScalarAsync(provider, "SELECT COUNT(*) FROM platform_reminder WHERE status = 'sent' AND base_key LIKE 'bench.bench.%'");

            var bareWatch = Stopwatch.StartNew();
            await BareLoopAsync(sink.Port, count, "bare");
            var bareSeconds = bareWatch.Elapsed.TotalSeconds;

            var dispatchRate = count / dispatchSeconds;
            var bareRate = count / bareSeconds;
            Console.WriteLine($"""

                | measure ({engine}) | value |
                |---|---:|
                | dispatcher: {count:N0} due reminders to the sink | {dispatchSeconds:0.00} s, {dispatchRate:N0} reminders/s |
                | bare MailKit loop: {count:N0} messages, one connection | {bareSeconds:0.00} s, {bareRate:N0} messages/s |
                | ratio dispatcher / bare loop (goal >= 50%) | {dispatchRate / bareRate:P0} |
                | {count:N0} Schedule calls, one unit of work each | {scheduleSeconds:0.00} s, {scheduleSeconds * 1000 / count:0.00} ms per call |

                """);
            if (dispatched != count || sent != count)
            {
                Console.Error.WriteLine($"The dispatcher sent {dispatched} messages and marked {sent} rows sent; expected {count} of each.");
                return 1;
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
            if (postgres is not null && postgresServer is not null) DropDatabase(postgresServer, postgres);
        }
    }

    /// <summary>People with an address, consent to contact, and quiet hours off (the benchmark runs at any hour).</summary>
    private static async Task<IReadOnlyList<Guid>> AddPeopleAsync(IServiceProvider provider, int count)
    {
        var factory = provider.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync();
        await using var transaction = await factory.BeginWriteAsync(connection);
        var ids = await Organising.Testing.ContactablePeople.AddAsync(connection, transaction,
            Organising.Testing.ContactablePeople.Numbered("bench.person", count), DateTimeOffset.UtcNow, quietHoursOff: true);
        await transaction.CommitAsync();
        return ids;
    }

    private static async Task ScheduleAsync(IServiceProvider provider, IEnumerable<Guid> people, string prefix, DateTimeOffset at)
    {
        var i = 0;
        foreach (var person in people)
        {
            // A scope per call, as each request or command has its own.
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(
                $"bench.{prefix}.{i}", person, Kind.Id, at, $"Follow-up {i}", $"Please call Person {i} back about the meeting on Thursday."));
            i++;
        }
    }

    private static async Task DispatchAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunAsync(CancellationToken.None);
    }

    /// <summary>What the dispatcher's SMTP work costs with nothing around it: the same kind of message, one connection.</summary>
    private static async Task BareLoopAsync(int port, int count, string prefix)
    {
        using var client = new SmtpClient { Timeout = MessageSender.SmtpTimeoutMilliseconds };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        for (var i = 0; i < count; i++)
        {
            var message = new OutgoingMessage($"bench.person.{i}@example.org", $"Bench Person {i}", $"Follow-up {i}",
                $"Please call Person {i} back about the meeting on Thursday.\n\n--\nOrganising. To change which reminders you get, sign in and open My reminders.")
            {
                MessageId = ReminderDispatcher.MessageIdFor($"bench.{prefix}.{i}.at", DateTimeOffset.UtcNow, From),
            };
            await client.SendAsync(MessageSender.Build(message, From));
        }
        await client.DisconnectAsync(true);
    }

    private static async Task<long> ScalarAsync(IServiceProvider provider, string sql)
    {
        await using var connection = await provider.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static string CreateDatabase(string server)
    {
        var name = "organising_bench_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection)) create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static void DropDatabase(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
