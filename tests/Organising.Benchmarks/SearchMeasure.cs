using System.Diagnostics;
using Dapper;
using Organising.Networks;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Benchmarks;

/// <summary>
/// Times the people search one user at a time on a seeded install, for many different fragments of each kind
/// (so no result is reused): the picker search (SearchPeople, 20 results) and the people list's first page with
/// its total, counted afresh each time. Prints p50, p95 and the worst per kind.
/// </summary>
internal static class SearchMeasure
{
    public static async Task<int> Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var perKind = Seeding.IntArg(args, 1, 60);
        var factory = new SqliteConnectionFactory(Path.Combine(args[0], "organising.db"));
        DapperTypeHandlers.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true; // as the app's AddPlatform sets it
        // An Organiser sees everyone, so the scope never asks Teams for a Leader's reach: no mediator needed.
        var scope = new PeopleScope(new BenchOrganiser(), null!);

        var samples = await SampleFragmentsAsync(factory, perKind);
        foreach (var (_, fragments) in samples) // untimed: the JIT compiles the code paths first
        {
            await new ContractQueryHandlers.Search(new DbSession(factory), scope).Handle(new SearchPeople(fragments[^1], 20), default);
            await new ListPeople.Handler(new DbSession(factory), new ReadCache(), scope).Handle(new ListPeople.Query(new ListPeople.Filters(fragments[^1]), 1, 50), default);
        }
        foreach (var (kind, fragments) in samples)
        {
            var picker = new List<double>();
            var list = new List<double>();
            foreach (var fragment in fragments.Append(fragments[0])) // the first again at the end: warm, for comparison
            {
                picker.Add(await TimeAsync(factory, s => new ContractQueryHandlers.Search(s, scope).Handle(new SearchPeople(fragment, 20), default)));
                list.Add(await TimeAsync(factory, s => new ListPeople.Handler(s, new ReadCache(), scope)
                    .Handle(new ListPeople.Query(new ListPeople.Filters(fragment), 1, 50), default)));
            }
            Console.WriteLine($"{kind,-28} {fragments.Count,3} fragments, e.g. \"{fragments[0]}\": picker {Describe(picker)}; list page {Describe(list)}");
        }
        return 0;
    }

    private static async Task<double> TimeAsync<T>(SqliteConnectionFactory factory, Func<DbSession, ValueTask<T>> work)
    {
        await using var session = new DbSession(factory);
        var started = Stopwatch.GetTimestamp();
        await work(session);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Describe(List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, worst {sorted[^1]:0.0} ms";
    }

    /// <summary>Fragments people type, taken from the data: first names, surnames, whole names, e-mails, phones, postcodes, two letters.</summary>
    private static async Task<List<(string Kind, List<string> Fragments)>> SampleFragmentsAsync(SqliteConnectionFactory factory, int perKind)
    {
        await using var connection = await factory.OpenAsync();
        var people = (await connection.QueryAsync<(string FullName, string? Email, string? Phone, string? Postcode)>(
            "SELECT full_name, email, phone, postcode FROM networks_person WHERE erased_at IS NULL AND merged_into IS NULL ORDER BY random() LIMIT @n",
            new { n = perKind })).ToList();
        if (people.Count == 0) throw new InvalidOperationException("No people: seed the data directory first (seed-networks).");
        var random = new Random(42);
        string Words(string name, int index) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } w ? w[Math.Min(index, w.Length - 1)] : name;
        return
        [
            ("first name (common)", people.Select(p => Words(p.FullName, 0).ToLowerInvariant()).ToList()),
            ("surname (common)", people.Select(p => Words(p.FullName, 1).ToLowerInvariant()).ToList()),
            ("whole name", people.Select(p => p.FullName.ToLowerInvariant()).ToList()),
            ("start of an e-mail", people.Where(p => p.Email is not null).Select(p => p.Email![..Math.Min(p.Email!.Length, 10)]).ToList()),
            ("phone, as typed with a space", people.Where(p => p.Phone is { Length: > 6 }).Select(p => p.Phone![..5] + " " + p.Phone![5..]).ToList()),
            ("postcode", people.Where(p => p.Postcode is not null).Select(p => p.Postcode!.ToLowerInvariant()).ToList()),
            ("two letters", people.Select(p => p.FullName.ToLowerInvariant().Substring(random.Next(Math.Max(1, p.FullName.Length - 2)), 2)).ToList()),
        ];
    }
}
