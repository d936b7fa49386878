using Dapper;
using Organising.Platform.Data;

namespace Organising.Listening.Events;

/// <summary>
/// Short codes for themes, for typing them fast on the bulk-entry page: the theme's own code (the one printed on the
/// report-back form), or for a theme without one the initials of the name's words (ignoring "and", "of", "the";
/// "Long-term conditions" is LTC). A typed theme matches, case-insensitively, a theme's full name,
/// else its code (when no other theme has the same code), else the start of exactly one theme's name ("hous").
/// </summary>
internal static class ThemeCodes
{
    public sealed record Theme(Guid Id, string Name, string Code);

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "and", "of", "the", "&" };

    public static string CodeOf(string name) => string.Concat(name
        .Split([' ', '-', '/', ','], StringSplitOptions.RemoveEmptyEntries)
        .Where(w => !Skipped.Contains(w))
        .Select(w => char.ToUpperInvariant(w[0])));

    /// <summary>The code to type (and print) for a theme: its own code, or for one without a code its name's initials.</summary>
    public static string CodeFor(string name, string? code) => string.IsNullOrWhiteSpace(code) ? CodeOf(name) : code;

    private const string ThemesSql = "SELECT id AS Id, name AS Name, code AS Code FROM listening_theme";

    /// <summary>Every theme with the code to type for it, in name order.</summary>
    public static async Task<IReadOnlyList<Theme>> LoadAsync(DbSession session, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<ThemeRow>(new CommandDefinition(ThemesSql, transaction: session.Transaction, cancellationToken: ct));
        return rows.Select(t => new Theme(t.Id, t.Name, CodeFor(t.Name, t.Code)))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private sealed class ThemeRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Code { get; init; }
    }

    /// <summary>The themes typed in <paramref name="typed"/> (separated by commas or semicolons), or a message about the first that matches none or several.</summary>
    public static (IReadOnlyList<Guid> Ids, string? Error) Match(string? typed, IReadOnlyList<Theme> themes)
    {
        var ids = new List<Guid>();
        foreach (var raw in (typed ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = raw.Trim();
            var exact = themes.Where(t => string.Equals(t.Name, token, StringComparison.OrdinalIgnoreCase)).ToList();
            var byCode = themes.Where(t => string.Equals(t.Code, token, StringComparison.OrdinalIgnoreCase)).ToList();
            var byStart = themes.Where(t => t.Name.StartsWith(token, StringComparison.OrdinalIgnoreCase)).ToList();
            var found = exact.Count == 1 ? exact[0] : byCode.Count == 1 ? byCode[0] : byStart.Count == 1 ? byStart[0] : null;
            if (found is null)
            {
                var candidates = byCode.Concat(byStart).DistinctBy(t => t.Id).Select(t => t.Name).ToList();
                return ([], candidates.Count > 1
                    ? $"“{token}” could be {string.Join(" or ", candidates)}: type more of the name."
                    : $"There is no theme “{token}”. Use a name or code from the list of themes.");
            }
            if (!ids.Contains(found.Id)) ids.Add(found.Id);
        }
        return (ids, null);
    }
}
