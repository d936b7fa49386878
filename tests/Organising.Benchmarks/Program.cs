using Organising.Benchmarks;

// Benchmark data generators. Each fills an install's database (the app must have created and
// migrated it once) with realistic volumes, so pages are measured on more than empty tables.
return args.FirstOrDefault() switch
{
    "seed" => PlatformSeed.Run(args[1..]),
    "seed-networks" => NetworksSeed.Run(args[1..]),
    "seed-teams" => TeamsSeed.Run(args[1..]),
    "seed-listening" => ListeningSeed.Run(args[1..]),
    "bulk-entry" => BulkEntryBench.Run(args[1..]).GetAwaiter().GetResult(),
    "sign-in-sheet" => SignInSheetBench.Run(args[1..]),
    "measure-duplicates" => DuplicatesMeasure.Run(args[1..]),
    "measure-search" => SearchMeasure.Run(args[1..]).GetAwaiter().GetResult(),
    "migrate" => ImportBench.Migrate(args[1..]),
    "people-csv" => ImportBench.WritePeopleCsv(args[1..]),
    "import-people" => ImportBench.ImportPeople(args[1..]).GetAwaiter().GetResult(),
    "reminders" => RemindersBench.Run(args[1..]).GetAwaiter().GetResult(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          Organising.Benchmarks seed DATA_DIR [users=500] [auditEntries=20000]
          Organising.Benchmarks seed-networks DATA_DIR [people=100000] [institutions=2000] [networks=50]
          Organising.Benchmarks seed-teams DATA_DIR [teams=200] [oneToOnes=20000] [sessions=1000]   (after seed-networks)
          Organising.Benchmarks seed-listening DATA_DIR [campaigns=20] [events=50000] [raised=250000] [stories=30000]   (after seed-teams)
          Organising.Benchmarks bulk-entry BASE_URL COOKIE CAMPAIGN_ID [runs=50] [STATIC_PATH]
              (posts a 30-row report-back form to a running app, one at a time, against GETs of a static file)
          Organising.Benchmarks sign-in-sheet [rows=200] [runs=50]   (renders a training session's sign-in sheet PDF)
          Organising.Benchmarks measure-duplicates DATA_DIR [duplicatePairs=1000] [runs=10]
          Organising.Benchmarks measure-search DATA_DIR [fragmentsPerKind=60]   (people search, one user at a time)
          Organising.Benchmarks migrate DATA_DIR   (creates the Platform and Networks tables without starting the app)
          Organising.Benchmarks people-csv FILE [rows=50000] [networks=50]
          Organising.Benchmarks import-people DATA_DIR FILE   (preview and confirm FILE twice, timed; migrates DATA_DIR if new)
          Organising.Benchmarks reminders [count=10000] [--postgres SERVER_CONNECTION_STRING]
              (dispatcher vs a bare MailKit loop to a local SMTP sink, and the cost of Schedule; a scratch database)
        """);
    return 2;
}
