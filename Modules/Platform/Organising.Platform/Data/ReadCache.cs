using System.Collections.Concurrent;

namespace Organising.Platform.Data;

/// <summary>
/// Results of read-only queries that aggregate over every row (a network's reach over 100,000 people),
/// kept in memory until the next write commits. Every committed write transaction, in any module and through
/// any app instance, makes every entry stale at once: each commit counts itself in platform_write_version
/// (see <see cref="DbSession"/>), and an entry is used only under the count it was loaded under. Coarse, but
/// nothing can be missed. Loads inside a write transaction are not kept: they may see rows that are then rolled back.
/// </summary>
public sealed class ReadCache
{
    private const int MaxEntries = 1_000;
    private long _localVersion;
    private readonly ConcurrentDictionary<string, (long Local, long Shared, object? Value)> _entries = new();

    /// <summary>Something was written outside a <see cref="DbSession"/> commit (a test's own connection): forget everything kept so far.</summary>
    public void Changed() => Interlocked.Increment(ref _localVersion);

    public async ValueTask<T> GetOrLoadAsync<T>(DbSession session, string key, Func<ValueTask<T>> load)
    {
        if (session.InTransaction) return await load();
        var local = Interlocked.Read(ref _localVersion);
        var shared = await session.WriteVersionAsync();
        if (_entries.TryGetValue(key, out var kept) && kept.Local == local && kept.Shared == shared) return (T)kept.Value!;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = (local, shared, value);
        return value;
    }
}
