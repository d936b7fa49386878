using Dapper;
using Organising.Platform.Data;

namespace Organising.Listening.Issues;

/// <summary>Theme names for lists: of given issues raised, and every theme for filters.</summary>
internal sealed class ThemeNames(DbSession session)
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    private const string RaisedSql = """
        SELECT rt.raised_id AS Id, t.name AS Name
        FROM listening_raised_theme rt JOIN listening_theme t ON t.id = rt.theme_id
        WHERE rt.raised_id IN (SELECT value FROM json_each(@ids))
        ORDER BY lower(t.name)
        """;

    /// <summary>Each issue raised's theme names, by name.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> OfRaisedAsync(IReadOnlyCollection<Guid> raisedIds, CancellationToken ct)
    {
        if (raisedIds.Count == 0) return new Dictionary<Guid, IReadOnlyList<string>>();
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(RaisedSql, new { ids = SqlText.IdList(raisedIds) }, session.Transaction, cancellationToken: ct)))
            .GroupBy(r => r.Id).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Name).ToList());
    }

    /// <summary>Every theme, by name, for filters.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AllAsync(CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition("SELECT id AS Id, name AS Name FROM listening_theme ORDER BY lower(name)",
            transaction: session.Transaction, cancellationToken: ct))).Select(r => (r.Id, r.Name)).ToList();
    }
}
