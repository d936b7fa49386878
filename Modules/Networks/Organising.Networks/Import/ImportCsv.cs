using System.Text;
using CsvHelper;

namespace Organising.Networks.Import;

/// <summary>One column an import understands: its heading in the template, the other headings accepted for it, and its limit.</summary>
internal sealed record ImportColumn(string Heading, string Label, int MaxLength, bool Required = false, params string[] Aliases)
{
    /// <summary>"Full name", "full_name" and "FULL-NAME" are the same heading: letters and digits only, lower case.</summary>
    public static string Normalise(string heading)
    {
        var builder = new StringBuilder(heading.Length);
        foreach (var c in heading) if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    public bool Matches(string heading)
    {
        var normalised = Normalise(heading);
        return normalised == Normalise(Heading) || Aliases.Any(a => Normalise(a) == normalised);
    }
}

/// <summary>A data row: its number as a spreadsheet shows it (the heading row is 1) and its values by column, null when empty.</summary>
internal sealed record ImportRow(int Number, string?[] Values);

/// <summary>A file read as far as it could be: the rows, or the one reason it cannot be imported at all.</summary>
internal sealed record ImportFile(string? Error, IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> IgnoredColumns)
{
    public static ImportFile Refused(string error) => new(error, [], []);
}

/// <summary>
/// Reads an uploaded CSV: strict UTF-8 (a byte order mark is fine), quoted line breaks, CRLF or LF, comma or
/// semicolon separated. File-level problems (too big, not UTF-8, no rows, a required column missing) come back as
/// one clear message; problems with a value are left to the row checks, so each row can say what is wrong with it.
/// </summary>
internal static class ImportCsv
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string TooBig = "The file is larger than 10 MB. Split it into smaller files and import each one.";
    public const string NotUtf8 = "This file is not UTF-8, so accented letters and other characters would come out wrong. "
        + "In Excel choose File › Save As › “CSV UTF-8 (Comma delimited)”; in LibreOffice tick “Edit filter settings” and choose “Unicode (UTF-8)”. Then upload it again.";
    public const string Empty = "The file is empty. Download the template, add a row for each record and upload it again.";
    public const string NoRows = "The file has column headings but no rows to import.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = false,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The file's text, or null when it is not UTF-8.</summary>
    public static string? DecodeUtf8(byte[] content)
    {
        try
        {
            var text = StrictUtf8.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static ImportFile Read(byte[] content, IReadOnlyList<ImportColumn> columns)
    {
        if (content.Length > MaxBytes) return ImportFile.Refused(TooBig);
        var text = DecodeUtf8(content);
        if (text is null) return ImportFile.Refused(NotUtf8);
        return Read(text, columns);
    }

    /// <summary>Reads text already known to be UTF-8 (the stored copy of an upload).</summary>
    public static ImportFile Read(string text, IReadOnlyList<ImportColumn> columns)
    {
        if (string.IsNullOrWhiteSpace(text)) return ImportFile.Refused(Empty);
        using var reader = CsvReader.FromText(text, Options);

        var headers = reader.Headers;
        var positions = new int[columns.Count];
        Array.Fill(positions, -1);
        var ignored = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var heading = headers[i].Trim();
            if (heading.Length == 0) continue;
            var column = -1;
            for (var c = 0; c < columns.Count; c++) if (columns[c].Matches(heading)) { column = c; break; }
            if (column < 0) { ignored.Add(heading.Length > 60 ? heading[..60] + "…" : heading); continue; }
            if (positions[column] >= 0) return ImportFile.Refused($"The column “{columns[column].Heading}” appears twice. Keep one of them.");
            positions[column] = i;
        }
        if (headers.All(h => string.IsNullOrWhiteSpace(h))) return ImportFile.Refused(Empty);
        var missing = columns.Where((c, i) => c.Required && positions[i] < 0).Select(c => $"“{c.Heading}”").ToList();
        if (missing.Count > 0)
        {
            return ImportFile.Refused($"The file has no {string.Join(" or ", missing)} column. The first row must be the column headings: "
                + "download the template to see them.");
        }

        var rows = new List<ImportRow>();
        while (reader.Read())
        {
            var values = new string?[columns.Count];
            var any = false;
            for (var c = 0; c < columns.Count; c++)
            {
                var position = positions[c];
                if (position < 0 || position >= reader.FieldCount) continue;
                var value = reader.GetString(position).Trim();
                if (value.Length == 0) continue;
                values[c] = value;
                any = true;
            }
            // A spreadsheet's blank rows (",,,,") are not records; the row numbers still count them, as the spreadsheet does.
            if (any) rows.Add(new ImportRow((int)reader.RowNumber + 1, values));
        }
        return rows.Count == 0 ? new ImportFile(NoRows, [], ignored) : new ImportFile(null, rows, ignored);
    }
}
