namespace Organising.Listening.Tests.Support;

/// <summary>One <see cref="ListeningWorld"/> per fixture: a fresh database (SQLite, or PostgreSQL when the test run says so).</summary>
public abstract class WorldFixture
{
    protected ListeningWorld World { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartWorld() => World = await ListeningWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopWorld() => await World.DisposeAsync();
}
