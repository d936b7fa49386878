using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Platform.Data;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>
/// The managed list of themes, by name, each with how many issues raised it tags (in every campaign: a theme is shared).
/// Numbers and theme names only. The counts read every tag once, so they are kept in the read cache until a write.
/// </summary>
public static class FindThemes
{
    public sealed record Query(string? Search) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Code { get; set; }
        public string? Description { get; init; }
        public int Tagged { get; set; }
    }

    /// <summary><paramref name="AnyThemes"/> tells an empty list from a search that found nothing.</summary>
    public sealed record Result(IReadOnlyList<Row> Themes, bool AnyThemes);

    private const string ThemesSql = """
        SELECT t.id AS Id, t.name AS Name, t.code AS Code, t.description AS Description
        FROM listening_theme t ORDER BY lower(t.name), t.id
        """;

    private const string CountsSql = """
        SELECT rt.theme_id AS ThemeId, COUNT(*) AS Tagged FROM listening_raised_theme rt GROUP BY rt.theme_id
        """;

    private sealed class CountRow
    {
        public Guid ThemeId { get; init; }
        public int Tagged { get; init; }
    }

    internal sealed class Handler(DbSession session, ReadCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var all = await cache.GetOrLoadAsync(session, "listening.themes", async () =>
            {
                var connection = await session.ConnectionAsync(ct);
                var rows = (await connection.QueryAsync<Row>(new CommandDefinition(ThemesSql, null, session.Transaction, cancellationToken: ct))).ToList();
                var counts = (await connection.QueryAsync<CountRow>(new CommandDefinition(CountsSql, null, session.Transaction, cancellationToken: ct)))
                    .ToDictionary(c => c.ThemeId, c => c.Tagged);
                foreach (var row in rows)
                {
                    row.Tagged = counts.GetValueOrDefault(row.Id);
                    row.Code = ThemeCodes.CodeFor(row.Name, row.Code);
                }
                return (IReadOnlyList<Row>)rows;
            });
            var search = query.Search?.Trim();
            var matching = string.IsNullOrEmpty(search) ? all
                : all.Where(t => t.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                    || (t.Code?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false)
                    || (t.Description?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false)).ToList();
            return new Result(matching, all.Count > 0);
        }
    }
}
