namespace Organising.Teams.Tests.Support;

/// <summary>One <see cref="TeamsWorld"/> per fixture: a fresh database (SQLite, or PostgreSQL when the test run says so).</summary>
public abstract class WorldFixture
{
    protected TeamsWorld World { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartWorld() => World = await TeamsWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopWorld() => await World.DisposeAsync();
}
