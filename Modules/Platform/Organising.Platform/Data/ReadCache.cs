using System.Collections.Concurrent;

namespace Organising.Platform.Data;

/// <summary>
/// Results of read-only queries that aggregate over every row (a network's reach over 100,000 people),
/// kept in memory until the next write commits. Every committed write transaction, in any module, makes
/// every entry stale at once (see <see cref="DbSession"/>): coarse, but nothing can be missed. A result
/// is stored under the version read before it was loaded, so one loaded across a commit is never used.
/// Loads inside a write transaction are not kept: they may see rows that are then rolled back.
/// One process only: several app instances would need the version shared through the database.
/// </summary>
public sealed class ReadCache
{
    private const int MaxEntries = 1_000;
    private long _version;
    private readonly ConcurrentDictionary<string, (long Version, object? Value)> _entries = new();

    /// <summary>Something was written: forget everything kept so far.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    public async ValueTask<T> GetOrLoadAsync<T>(DbSession session, string key, Func<ValueTask<T>> load)
    {
        if (session.InTransaction) return await load();
        var version = Interlocked.Read(ref _version);
        if (_entries.TryGetValue(key, out var kept) && kept.Version == version) return (T)kept.Value!;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = (version, value);
        return value;
    }
}
