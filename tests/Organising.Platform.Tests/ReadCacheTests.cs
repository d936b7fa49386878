using Organising.Platform.Data;

namespace Organising.Platform.Tests;

/// <summary>
/// Cached aggregates are reused until a write commits, through this app instance or any other on the same
/// database, and never taken from a write that may roll back.
/// </summary>
public sealed class ReadCacheTests
{
    private ScratchDatabase _database = null!;
    private IDbConnectionFactory _factory = null!;
    private ReadCache _cache = null!;
    private int _loads;

    [SetUp]
    public void CreateDatabase()
    {
        _cache = new ReadCache();
        _loads = 0;
        _database = new ScratchDatabase();
        _factory = _database.NewFactory();
    }

    [TearDown]
    public void RemoveDatabase()
    {
        (_factory as IDisposable)?.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task A_write_committed_through_another_instance_makes_this_instance_load_again()
    {
        var otherInstance = _database.NewFactory();
        try
        {
            await using (var reader = new DbSession(_factory))
            {
                Assert.That(await LoadAsync(reader), Is.EqualTo(1));
            }
            await using (var reader = new DbSession(_factory))
            {
                Assert.That(await LoadAsync(reader), Is.EqualTo(1), "reused while nothing was written");
            }

            await using (var writer = new DbSession(otherInstance))
            {
                await writer.BeginAsync(CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            await using var after = new DbSession(_factory);
            Assert.That(await LoadAsync(after), Is.EqualTo(2), "loaded again after the other instance's commit");
        }
        finally
        {
            (otherInstance as IDisposable)?.Dispose();
        }
    }

    private ValueTask<int> LoadAsync(DbSession session) =>
        _cache.GetOrLoadAsync(session, "count", () => ValueTask.FromResult(++_loads));

    [Test]
    public async Task A_result_is_reused_until_a_write_commits()
    {
        await using (var reader = new DbSession(_factory))
        {
            Assert.That(await LoadAsync(reader), Is.EqualTo(1));
            Assert.That(await LoadAsync(reader), Is.EqualTo(1), "reused");
        }

        await using (var writer = new DbSession(_factory))
        {
            await writer.BeginAsync(CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        await using var after = new DbSession(_factory);
        Assert.That(await LoadAsync(after), Is.EqualTo(2), "loaded again after the commit");
    }

    [Test]
    public async Task A_result_loaded_inside_a_write_is_not_kept()
    {
        await using (var writer = new DbSession(_factory))
        {
            await writer.BeginAsync(CancellationToken.None);
            Assert.That(await LoadAsync(writer), Is.EqualTo(1));
            await writer.RollbackAsync();
        }

        await using var reader = new DbSession(_factory);
        Assert.That(await LoadAsync(reader), Is.EqualTo(2), "what a rolled-back write saw was not kept");
    }
}
