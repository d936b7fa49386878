namespace Organising.Platform.Data;

public static class SqlText
{
    /// <summary>
    /// A LIKE pattern (with ESCAPE '\') matching text that contains the search, case-insensitively
    /// when compared with lower(column); null when there is nothing to search for.
    /// </summary>
    public static string? ContainsPattern(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var escaped = search.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        return $"%{escaped}%";
    }
}
