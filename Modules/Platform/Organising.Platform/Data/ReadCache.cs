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
    private readonly ConcurrentDictionary<string, (long Version, object? Value)> _entries = new();

    public async ValueTask<T> GetOrLoadAsync<T>(DbSession session, string key, Func<ValueTask<T>> load)
    {
        if (session.InTransaction) return await load();
        var version = await session.WriteVersionAsync();
        if (_entries.TryGetValue(key, out var kept) && kept.Version == version) return (T)kept.Value!;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = (version, value);
        return value;
    }
}
