using Dapper;

namespace Organising.Teams.Tests.Support;

/// <summary>Records the ladders count, written straight into the tables (the pages that record them have their own tests).</summary>
public static class RecordSeeds
{
    public static readonly Guid OneToOnesModule = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    public static readonly Guid PowerAnalysisModule = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    public static readonly Guid ListeningModule = Guid.Parse("0190a000-0000-7000-8000-000000000003");
    public static readonly Guid NegotiationModule = Guid.Parse("0190a000-0000-7000-8000-000000000006");

    /// <summary>The seeded core modules: completing all three is "attended core training".</summary>
    public static readonly Guid[] CoreModules = [OneToOnesModule, PowerAnalysisModule, ListeningModule];

    public static async Task CompleteAsync(this TeamsWorld world, Guid personId, params Guid[] modules)
    {
        await using var db = world.App.OpenDatabase();
        foreach (var module in modules)
            await db.ExecuteAsync("INSERT INTO teams_completion (person_id, module_id, completed_at) VALUES (@personId, @module, @now)",
                new { personId = personId.ToString(), module = module.ToString(), now = world.Now });
    }

    public static async Task HoldOneToOnesAsync(this TeamsWorld world, Guid heldBy, int count)
    {
        for (var i = 0; i < count; i++) await world.AddOneToOneAsync(null, heldBy, await world.AddPersonAsync($"Met Person {Guid.NewGuid():N}"));
    }
}
