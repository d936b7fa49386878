using System.Net;
using System.Text;
using System.Text.Json;

namespace Organising.Platform.PersonalData;

/// <summary>Everything every module holds about one person: a subject-access export.</summary>
public sealed record PersonalDataExport(Guid PersonId, DateTimeOffset GeneratedAt, IReadOnlyList<PersonalDataSection> Sections)
{
    /// <summary>
    /// The export as JSON: { personId, generatedAt, sections: [ { module, heading, records: [ { kind, fields: [ { label, value } ] } ] } ] }.
    /// Fields are a list, not an object, because a record may repeat a label (one "Role" per role).
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("personId", PersonId);
            json.WriteString("generatedAt", GeneratedAt.ToUniversalTime());
            json.WriteStartArray("sections");
            foreach (var section in Sections)
            {
                json.WriteStartObject();
                json.WriteString("module", section.Module);
                json.WriteString("heading", section.Heading);
                json.WriteStartArray("records");
                foreach (var record in section.Records)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", record.Kind);
                    json.WriteStartArray("fields");
                    foreach (var (label, value) in record.Fields)
                    {
                        json.WriteStartObject();
                        json.WriteString("label", label);
                        json.WriteString("value", value);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The export as one self-contained, readable HTML page (no scripts, no styles, every value encoded),
    /// for the person to keep. <paramref name="generatedText"/> is the time as the organisation shows it.
    /// </summary>
    public string ToHtml(string organisationName, string generatedText)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Personal data held by ").Append(E(organisationName)).Append("</title>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Personal data held by ").Append(E(organisationName)).Append("</h1>\n")
            .Append("<p>Everything recorded about this person, as of ").Append(E(generatedText)).Append(". Reference: ").Append(PersonId).Append(".</p>\n");
        if (Sections.Count == 0) html.Append("<p>Nothing is held.</p>\n");
        foreach (var section in Sections)
        {
            html.Append("<section>\n<h2>").Append(E(section.Heading)).Append("</h2>\n");
            if (section.Records.Count == 0) html.Append("<p>Nothing is held here.</p>\n");
            foreach (var record in section.Records)
            {
                html.Append("<table>\n<caption>").Append(E(record.Kind)).Append("</caption>\n<tbody>\n");
                if (record.Fields.Count == 0) html.Append("<tr><td>None recorded.</td></tr>\n");
                foreach (var (label, value) in record.Fields)
                {
                    html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>")
                        .Append(string.IsNullOrEmpty(value) ? "—" : E(value)).Append("</td></tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}

/// <summary>
/// Gathers one person's data from every registered <see cref="IPersonalDataSource"/> into one export.
/// The caller decides whether the user may see that person; sources only collect.
/// </summary>
public sealed class PersonalDataCollector(IEnumerable<IPersonalDataSource> sources, TimeProvider time)
{
    public async Task<PersonalDataExport> CollectAsync(Guid personId, CancellationToken ct)
    {
        var sections = new List<PersonalDataSection>();
        foreach (var source in sources)
        {
            if (await source.CollectAsync(personId, ct) is { } section) sections.Add(section);
        }
        return new PersonalDataExport(personId, time.GetUtcNow(),
            sections.OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Heading, StringComparer.Ordinal).ToList());
    }
}
