using Dapper;
using Organising.Platform.Data;

namespace Organising.Networks.People;

/// <summary>
/// "Any fragment of name, e-mail, phone or postcode": three characters or more go through the trigram
/// index (networks_person_search); shorter fragments fall back to scanning search_text.
/// </summary>
internal static class PersonSearch
{
    private const string IndexedCondition =
        "p.rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @searchMatch)";
    private const string ScanCondition = "p.search_text LIKE @searchLike ESCAPE '\\'";

    /// <summary>
    /// The condition to AND into a query over networks_person aliased <c>p</c>, with its parameter added;
    /// "1 = 1" when there is nothing to search for. Only constant SQL is returned: the text is a parameter.
    /// </summary>
    public static string Condition(string? text, DynamicParameters parameters)
    {
        var fragment = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(fragment)) return "1 = 1";
        if (fragment.Length >= 3)
        {
            // A quoted FTS5 phrase; with the trigram tokenizer it matches the fragment anywhere.
            parameters.Add("searchMatch", "\"" + fragment.Replace("\"", "\"\"") + "\"");
            return IndexedCondition;
        }
        parameters.Add("searchLike", SqlText.ContainsPattern(fragment));
        return ScanCondition;
    }
}
