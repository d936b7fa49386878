using System.Text;
using System.Text.RegularExpressions;

namespace Organising.Networks.People;

/// <summary>
/// How a person's contact fields are normalised and made searchable. Create, edit, import and merge
/// all store people through these, so search and duplicate matching agree everywhere.
/// </summary>
internal static partial class PersonSearchText
{
    /// <summary>The networks_person.search_text value: every searchable field, lower-cased, separated by '|'.</summary>
    public static string Build(string fullName, string? preferredName, string? email, string? phone, string? postcode) =>
        string.Join('|', new[] { fullName, preferredName, email, NormalisePhone(phone), NormalisePostcode(postcode) }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Trim().ToLowerInvariant()));

    public static string? NormaliseEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Digits only, with a UK +44 prefix turned into a leading 0, so "+44 7700 900123" matches "07700900123".</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new StringBuilder();
        foreach (var c in phone) if (char.IsAsciiDigit(c)) digits.Append(c);
        var result = digits.ToString();
        if (result.StartsWith("44", StringComparison.Ordinal) && phone.TrimStart().StartsWith('+')) result = "0" + result[2..];
        return result.Length == 0 ? null : result;
    }

    /// <summary>Upper case without spaces: "e14 5ab" becomes "E145AB".</summary>
    public static string? NormalisePostcode(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return null;
        var compact = new string(postcode.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return compact.Length == 0 ? null : compact;
    }

    /// <summary>The usual written form: "E145AB" becomes "E14 5AB".</summary>
    public static string? FormatPostcode(string? postcode)
    {
        var compact = NormalisePostcode(postcode);
        return compact is { Length: >= 5 } ? $"{compact[..^3]} {compact[^3..]}" : compact;
    }

    /// <summary>A UK postcode, loosely: outward code, optional space, inward code ("E14 5AB", "sw1a1aa").</summary>
    public static bool IsPostcode(string? postcode) => NormalisePostcode(postcode) is { } compact && PostcodePattern().IsMatch(compact);

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")]
    private static partial Regex PostcodePattern();
}
