using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Organising.Platform.Operations;

/// <summary>
/// A SHA-256 over a table's rows, read in the same order, that comes out the same whichever engine the rows
/// come from: each value is written canonically (a type tag, integers and booleans as invariant digits, text
/// and bytes with their length first, so "ab","c" and "a","bc" differ), whatever .NET type the driver gave it.
/// </summary>
public sealed class TableChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Rows { get; private set; }

    public static (long Rows, string Checksum) Of(IEnumerable<object?[]> rows)
    {
        using var checksum = new TableChecksum();
        foreach (var row in rows) checksum.AddRow(row);
        return (checksum.Rows, checksum.Finish());
    }

    public void AddRow(IDataRecord record)
    {
        for (var i = 0; i < record.FieldCount; i++) Add(record.GetValue(i));
        EndRow();
    }

    public void AddRow(IReadOnlyList<object?> values)
    {
        foreach (var value in values) Add(value);
        EndRow();
    }

    /// <summary>The hash in lower-case hex; the checksum cannot be added to afterwards.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    private void EndRow()
    {
        _hash.AppendData("\n"u8);
        Rows++;
    }

    private void Add(object? value)
    {
        switch (value)
        {
            case null or DBNull:
                _hash.AppendData("N;"u8);
                break;
            case long or int or short or byte:
                AppendText($"I{Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)};");
                break;
            case bool flag: // SQLite keeps a boolean as 0 or 1
                AppendText(flag ? "I1;" : "I0;");
                break;
            case double or float:
                AppendText($"R{Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)};");
                break;
            case string text:
                var bytes = Encoding.UTF8.GetBytes(text);
                AppendText($"T{bytes.Length}:");
                _hash.AppendData(bytes);
                break;
            case byte[] blob:
                AppendText($"B{blob.Length}:");
                _hash.AppendData(blob);
                break;
            default:
                throw new NotSupportedException($"The checksum has no canonical form for a {value.GetType().Name}.");
        }
    }

    private void AppendText(string text) => _hash.AppendData(Encoding.ASCII.GetBytes(text));

    public void Dispose() => _hash.Dispose();
}
