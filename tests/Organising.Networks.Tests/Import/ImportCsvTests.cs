using System.Text;
using Organising.Networks.Import;

namespace Organising.Networks.Tests.Import;

/// <summary>Reading uploaded files: the encodings, line endings and shapes spreadsheets really produce.</summary>
public sealed class ImportCsvTests
{
    private static ImportFile Read(string text) => ImportCsv.Read(Encoding.UTF8.GetBytes(text), PeopleImport.Columns);

    private static string? Value(ImportRow row, string heading) =>
        row.Values[PeopleImport.Columns.ToList().FindIndex(c => c.Heading == heading)];

    [Test]
    public void A_byte_order_mark_is_not_part_of_the_first_heading()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("full_name,email\nZoë Ødegaard,zoe@example.org\n")).ToArray();
        var file = ImportCsv.Read(bytes, PeopleImport.Columns);
        Assert.That(file.Error, Is.Null);
        Assert.That(file.IgnoredColumns, Is.Empty);
        Assert.That(Value(file.Rows[0], "full_name"), Is.EqualTo("Zoë Ødegaard"));
    }

    [Test]
    public void A_quoted_line_break_stays_inside_its_field_and_row_numbers_follow_the_spreadsheet()
    {
        var file = Read("full_name,access_needs,email\r\n\"Amina Hassan\",\"Step-free access\r\nHearing loop\",amina@example.org\r\nBen Jones,,ben@example.org\r\n");
        Assert.That(file.Error, Is.Null);
        Assert.That(file.Rows, Has.Count.EqualTo(2));
        Assert.That(Value(file.Rows[0], "access_needs"), Is.EqualTo("Step-free access\r\nHearing loop"));
        Assert.That(Value(file.Rows[1], "full_name"), Is.EqualTo("Ben Jones"));
        Assert.That(file.Rows.Select(r => r.Number), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void CRLF_and_LF_files_read_the_same()
    {
        var lf = Read("full_name,email\nAmina Hassan,amina@example.org\nBen Jones,ben@example.org\n");
        var crlf = Read("full_name,email\r\nAmina Hassan,amina@example.org\r\nBen Jones,ben@example.org\r\n");
        Assert.That(crlf.Rows.Select(r => r.Values), Is.EqualTo(lf.Rows.Select(r => r.Values)));
        Assert.That(Value(crlf.Rows[0], "email"), Is.EqualTo("amina@example.org"), "no stray carriage return at the end of a row");
    }

    [Test]
    public void A_Windows_1252_file_gets_a_message_that_says_how_to_save_UTF_8()
    {
        var bytes = Encoding.Latin1.GetBytes("full_name,email\nZoë Müller,zoe@example.org\n");
        var file = ImportCsv.Read(bytes, PeopleImport.Columns);
        Assert.That(file.Error, Is.EqualTo(ImportCsv.NotUtf8));
        Assert.That(file.Error, Does.Contain("CSV UTF-8"));
    }

    [Test]
    public void An_empty_file_and_a_file_of_headings_only_are_refused_with_messages()
    {
        Assert.That(ImportCsv.Read([], PeopleImport.Columns).Error, Is.EqualTo(ImportCsv.Empty));
        Assert.That(Read("\r\n\r\n").Error, Is.EqualTo(ImportCsv.Empty));
        Assert.That(Read("full_name,email\r\n").Error, Is.EqualTo(ImportCsv.NoRows));
        Assert.That(Read("full_name,email\r\n,,\r\n").Error, Is.EqualTo(ImportCsv.NoRows), "a blank spreadsheet row is not a record");
    }

    [Test]
    public void A_missing_required_column_is_named()
    {
        var file = Read("email,phone\namina@example.org,07700 900123\n");
        Assert.That(file.Error, Does.StartWith("The file has no “full_name” column."));
    }

    [Test]
    public void Unknown_columns_are_listed_and_ignored_and_headings_match_loosely()
    {
        var file = Read("Full name,E-mail,Favourite colour,Added\nAmina Hassan,amina@example.org,blue,2025-01-01\n");
        Assert.That(file.Error, Is.Null);
        Assert.That(file.IgnoredColumns, Is.EqualTo(new[] { "Favourite colour", "Added" }));
        Assert.That(Value(file.Rows[0], "full_name"), Is.EqualTo("Amina Hassan"));
        Assert.That(Value(file.Rows[0], "email"), Is.EqualTo("amina@example.org"));
    }

    [Test]
    public void A_column_given_twice_is_refused()
    {
        Assert.That(Read("full_name,email,E-mail\nA,a@example.org,b@example.org\n").Error, Is.EqualTo("The column “email” appears twice. Keep one of them."));
    }

    [Test]
    public void A_file_over_10_MB_is_refused_before_it_is_read()
    {
        var bytes = new byte[ImportCsv.MaxBytes + 1];
        Array.Fill(bytes, (byte)'a');
        Assert.That(ImportCsv.Read(bytes, PeopleImport.Columns).Error, Is.EqualTo(ImportCsv.TooBig));
    }

    [Test]
    public void Semicolon_separated_files_from_European_spreadsheets_read_too()
    {
        var file = Read("full_name;email\nAmina Hassan;amina@example.org\n");
        Assert.That(file.Error, Is.Null);
        Assert.That(Value(file.Rows[0], "email"), Is.EqualTo("amina@example.org"));
    }
}
