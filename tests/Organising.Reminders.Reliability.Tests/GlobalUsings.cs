global using NUnit.Framework;
global using Organising.Testing;

// Each fixture has its own app, database, data folder and SMTP port: the two-minute outage waits while the others run.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
