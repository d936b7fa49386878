using CsvHelper;
using Microsoft.AspNetCore.Mvc;

namespace Organising.Platform.Web;

/// <summary>Every list's CSV download: UTF-8 with a BOM (so spreadsheets read accents), formula injection escaped.</summary>
public static class CsvExport
{
    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            writer.WriteRecord(header.ToArray());
            foreach (var row in rows)
            {
                writer.WriteRecord(row.Select(v => v ?? "").ToArray());
            }
            writer.Flush();
        }
        return stream.ToArray();
    }

    public static FileContentResult File(string fileNameStem, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, TimeProvider time) =>
        new(Write(header, rows), "text/csv; charset=utf-8")
        {
            FileDownloadName = $"{fileNameStem}-{time.GetUtcNow():yyyy-MM-dd}.csv",
        };
}
