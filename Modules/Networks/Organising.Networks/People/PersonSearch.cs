using System.Text.RegularExpressions;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Networks.People;

/// <summary>
/// "Any fragment of name, e-mail, phone or postcode". On SQLite three characters or more go through the FTS5
/// trigram index (networks_person_search) and shorter fragments fall back to scanning search_text. On PostgreSQL
/// every fragment is a LIKE over search_text, which its pg_trgm index serves from three characters.
/// </summary>
internal static partial class PersonSearch
{
    private const string IndexedCondition =
        "p.rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @searchMatch)";
    private const string ScanCondition = "p.search_text LIKE @searchLike ESCAPE '\\'";
    private const string IndexedConditionCompact =
        "p.rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @searchMatchCompact)";
    private const string ScanConditionCompact = "p.search_text LIKE @searchLikeCompact ESCAPE '\\'";

    /// <summary>
    /// The condition to AND into a query over networks_person aliased <c>p</c>, with its parameter added;
    /// "1 = 1" when there is nothing to search for. Only constant SQL is returned: the text is a parameter.
    /// </summary>
    public static string Condition(string? text, DynamicParameters parameters, SqlDialect dialect)
    {
        var fragment = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(fragment)) return "1 = 1";
        // Phones and postcodes are stored without spaces or punctuation: "07700 900" and "e14 5" are searched
        // as typed and also compacted, so a fragment copied from a letter still finds them.
        var compact = fragment.Any(char.IsAsciiDigit) ? CompactSearch().Replace(fragment, "") : fragment;
        if (compact == fragment || compact.Length == 0) return Single(fragment, parameters, "", dialect);
        return $"({Single(fragment, parameters, "", dialect)} OR {Single(compact, parameters, "Compact", dialect)})";
    }

    /// <summary>
    /// The rowids of a page of the current people matching @phrase (from <see cref="IndexedPhrase"/>), in name order,
    /// sorted in the narrow networks_person_order rather than the wide person rows. Parameters: @phrase, @limit, @offset.
    /// </summary>
    public const string OrderedMatchesSql = """
        SELECT o.person_rowid FROM networks_person_order o
        WHERE o.person_rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @phrase)
        ORDER BY o.sort_name, o.id LIMIT @limit OFFSET @offset
        """;

    /// <summary>
    /// The FTS5 phrase when <paramref name="text"/> is searched through the trigram index alone (three characters
    /// or more, nothing to compact), so that its matches can be counted in the index; otherwise null, as always on
    /// PostgreSQL, which has no such index to count in.
    /// </summary>
    public static string? IndexedPhrase(string? text, SqlDialect dialect)
    {
        if (dialect.Engine != DatabaseEngine.Sqlite) return null;
        var fragment = text?.Trim().ToLowerInvariant();
        if (fragment is not { Length: >= 3 }) return null;
        var compact = fragment.Any(char.IsAsciiDigit) ? CompactSearch().Replace(fragment, "") : fragment;
        return compact == fragment || compact.Length == 0 ? Phrase(fragment) : null;
    }

    private static string Phrase(string fragment) => "\"" + fragment.Replace("\"", "\"\"") + "\"";

    private static string Single(string fragment, DynamicParameters parameters, string suffix, SqlDialect dialect)
    {
        if (fragment.Length >= 3 && dialect.Engine == DatabaseEngine.Sqlite)
        {
            // A quoted FTS5 phrase; with the trigram tokenizer it matches the fragment anywhere.
            parameters.Add("searchMatch" + suffix, Phrase(fragment));
            return suffix == "" ? IndexedCondition : IndexedConditionCompact;
        }
        parameters.Add("searchLike" + suffix, SqlText.ContainsPattern(fragment));
        return suffix == "" ? ScanCondition : ScanConditionCompact;
    }

    [GeneratedRegex(@"[\s\-\(\)\+\.]")]
    private static partial Regex CompactSearch();
}
