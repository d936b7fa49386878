using Organising.Benchmarks;

// Benchmark data generators. Each fills an install's database (the app must have created and
// migrated it once) with realistic volumes, so pages are measured on more than empty tables.
return args.FirstOrDefault() switch
{
    "seed" => PlatformSeed.Run(args[1..]),
    "seed-networks" => NetworksSeed.Run(args[1..]),
    "measure-duplicates" => DuplicatesMeasure.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          Organising.Benchmarks seed DATA_DIR [users=500] [auditEntries=20000]
          Organising.Benchmarks seed-networks DATA_DIR [people=100000] [institutions=2000] [networks=50]
          Organising.Benchmarks measure-duplicates DATA_DIR [duplicatePairs=1000] [runs=10]
        """);
    return 2;
}
