namespace Organising.Platform.Data;

public static class SqlText
{
    /// <summary>
    /// A LIKE pattern (with ESCAPE '\') matching text that contains the search, case-insensitively
    /// when compared with lower(column); null when there is nothing to search for.
    /// </summary>
    /// <summary>Longest search fragment used: no name, address or subject is longer, and SQLite refuses LIKE patterns over 50,000 bytes.</summary>
    public const int MaxSearchLength = 200;

    public static string? ContainsPattern(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var trimmed = search.Trim();
        if (trimmed.Length > MaxSearchLength) trimmed = trimmed[..MaxSearchLength];
        var escaped = trimmed.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        return $"%{escaped}%";
    }

    /// <summary>
    /// A list as one parameter, for <c>x IN (SELECT value FROM json_each(@list))</c>: the same SQL on both engines
    /// (PostgreSQL gets a json_each(text) of its own in Platform's migration 0006), and one parameter however long
    /// the list, where Dapper would expand <c>IN @list</c> on SQLite but not on PostgreSQL.
    /// </summary>
    public static string JsonList(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values.Distinct().ToArray());

    /// <summary>Ids as a <see cref="JsonList"/>, in their stored text form.</summary>
    public static string IdList(IEnumerable<Guid> ids) => JsonList(ids.Select(id => id.ToString("D")));
}
