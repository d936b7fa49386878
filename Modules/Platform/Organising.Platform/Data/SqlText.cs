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
}
