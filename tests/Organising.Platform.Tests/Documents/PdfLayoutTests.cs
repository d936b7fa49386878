using System.Text.RegularExpressions;
using Organising.Platform.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using UglyToad.PdfPig.Content;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace Organising.Platform.Tests.Documents;

/// <summary>The shared PDF layout layer, read back with PdfPig: what a reader sees, not what we meant to draw.</summary>
public sealed class PdfLayoutTests
{
    // 8×4 red PNG.
    private const string RedPng = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAECAIAAAA8r+mnAAAAEUlEQVR4nGM4ISeHFTFQTwIAbv4ggUBHKgEAAAAASUVORK5CYII=";
    private static readonly PdfColumn[] SignInColumns =
        [new("Name", 3), new("E-mail address", 3), new("Consent", 1.2)];

    [Test]
    public void Title_and_author_are_in_the_metadata()
    {
        var bytes = new PdfDocumentBuilder("Sign-in sheet: Tenants' rights", "Olu Organiser").Paragraph("x").ToBytes();

        using var pdf = PdfReader.Open(bytes);
        Assert.That(pdf.Information.Title, Is.EqualTo("Sign-in sheet: Tenants' rights"));
        Assert.That(pdf.Information.Author, Is.EqualTo("Olu Organiser"));
    }

    [Test]
    public void Names_in_many_scripts_come_back_as_text()
    {
        string[] names = ["Siân Ŵyn ap Dafydd", "Łucja Wróblewska-Żak", "Cabdiraxmaan Xasan Maxamed", "Ørjan Åsmund", "Ζωή Παπαδοπούλου", "Дмитрий Ковальчук", "Zoë Ní Bhriain"];
        var builder = new PdfDocumentBuilder("Names").Heading("Enrolled: Ŵ ł ø");
        foreach (var name in names)
            builder.Paragraph(name);

        using var pdf = PdfReader.Open(builder.ToBytes());
        var text = Words(pdf.GetPage(1));
        Assert.That(text, Does.Contain("Enrolled: Ŵ ł ø"));
        foreach (var name in names)
            Assert.That(text, Does.Contain(name));
    }

    [Test]
    public void A_120_row_table_takes_the_pages_its_row_heights_add_up_to_and_loses_no_row()
    {
        var builder = new PdfDocumentBuilder("Sign-in sheet");
        builder.Table(SignInColumns, SignInRows(120));

        // One line per cell (header included); the check box (10 pt) is shorter than a line, so every row is one line plus padding.
        var line = BodyFont(XFontStyleEx.Regular).GetHeight();
        var headerLine = BodyFont(XFontStyleEx.Bold).GetHeight();
        var room = 842 - PdfStyle.Margin - PdfStyle.FooterHeight - PdfStyle.Margin;
        var rowsPerPage = (int)((room - (headerLine + 2 * PdfStyle.CellPadding)) / (line + 2 * PdfStyle.CellPadding));
        var expectedPages = (int)Math.Ceiling(120.0 / rowsPerPage);
        Assert.That(expectedPages, Is.GreaterThanOrEqualTo(3), "the table should be long enough to test page breaks");

        using var pdf = PdfReader.Open(builder.ToBytes());
        Assert.That(pdf.NumberOfPages, Is.EqualTo(expectedPages));
        Assert.That(builder.PageCount, Is.EqualTo(expectedPages), "callers report the page count after writing");
        var headerBaselines = pdf.GetPage(1).GetWords().Where(w => w.Text is "Name" or "E-mail" or "address" or "Consent")
            .Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct();
        Assert.That(headerBaselines.Count(), Is.EqualTo(1), "the expectation assumes a one-line header row");
        var rowsOnEachPage = pdf.GetPages().Select(p => Regex.Matches(Words(p), @"Member \d{3}\b").Count).ToList();
        Assert.That(rowsOnEachPage[0], Is.EqualTo(rowsPerPage));
        Assert.That(rowsOnEachPage.Sum(), Is.EqualTo(120));
        var allText = string.Join(" ", pdf.GetPages().Select(Words));
        Assert.That(allText, Does.Contain("Member 001").And.Contain("Member 120"));
    }

    [Test]
    public void The_header_row_repeats_on_every_page_of_a_long_table()
    {
        var builder = new PdfDocumentBuilder("Sign-in sheet").Heading("Training: one-to-ones").Paragraph("Please sign in.");
        builder.Table(SignInColumns, SignInRows(150));

        using var pdf = PdfReader.Open(builder.ToBytes());
        Assert.That(pdf.NumberOfPages, Is.GreaterThan(2));
        foreach (var page in pdf.GetPages())
        {
            var words = Words(page);
            Assert.That(words, Does.Contain("Name").And.Contain("E-mail address"), $"page {page.Number}");
            // The header is the first thing on each continuation page: above every member row.
            var headerTop = page.GetWords().First(w => w.Text == "E-mail").BoundingBox.Bottom;
            var highestRow = page.GetWords().Where(w => w.Text == "Member").Max(w => w.BoundingBox.Bottom);
            Assert.That(headerTop, Is.GreaterThan(highestRow), $"page {page.Number}");
        }
    }

    [Test]
    public void Every_page_says_page_N_of_M()
    {
        var builder = new PdfDocumentBuilder("Pack");
        builder.Table(SignInColumns, SignInRows(100));

        using var pdf = PdfReader.Open(builder.ToBytes());
        var count = pdf.NumberOfPages;
        Assert.That(count, Is.GreaterThan(1));
        foreach (var page in pdf.GetPages())
            Assert.That(Words(page), Does.Contain($"Page {page.Number} of {count}"));
    }

    [Test]
    public void A_word_wider_than_the_page_is_broken_onto_lines_inside_the_margins_and_kept_whole()
    {
        var longWord = string.Concat(Enumerable.Range(0, 40).Select(i => $"ŵord{i:00}"));
        var bytes = new PdfDocumentBuilder("Long").Paragraph($"Before {longWord} after.").ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.That(Letters(page), Does.Contain("Before" + longWord + "after."));
        AssertInside(page.Letters, PdfStyle.Margin, page.Width - PdfStyle.Margin);
        Assert.That(page.Letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count(), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void A_newline_starts_a_new_line_and_a_blank_line_is_kept()
    {
        var bytes = new PdfDocumentBuilder("Script").Paragraph("Chair: welcome\r\n\nTreasurer: pledges").Paragraph("").ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var words = pdf.GetPage(1).GetWords().ToList();
        var chair = words.Single(w => w.Text == "Chair:").BoundingBox.Bottom;
        var treasurer = words.Single(w => w.Text == "Treasurer:").BoundingBox.Bottom;
        var line = BodyFont(XFontStyleEx.Regular).GetHeight();
        Assert.That(chair - treasurer, Is.EqualTo(2 * line).Within(0.5));
    }

    [Test]
    public void A_long_cell_wraps_within_its_column_and_grows_its_row()
    {
        var longWord = string.Concat(Enumerable.Range(0, 15).Select(i => $"Łong{i:00}"));
        var note = "Arrived late; asked about rent arrears, repairs and the next assembly. " + longWord;
        var bytes = new PdfDocumentBuilder("Notes")
            .Table([new PdfColumn("Name", 1), new PdfColumn("Note", 1)], [["Siân Ŵyn", note], ["Next person", "ok"]])
            .ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.That(Letters(page), Does.Contain(note.Replace(" ", "")));
        var columnLeft = PdfStyle.Margin + (page.Width - 2 * PdfStyle.Margin) / 2;
        var aboveFooter = PdfStyle.Margin + PdfStyle.FooterHeight;
        var noteLetters = page.Letters
            .Where(l => l.BoundingBox.Left >= columnLeft - 0.5 && l.BoundingBox.Bottom > aboveFooter && l.Value.Trim().Length > 0)
            .ToList();
        AssertInside(noteLetters, columnLeft, page.Width - PdfStyle.Margin);
        // The next row starts below the last line of the wrapped note.
        var next = page.GetWords().Single(w => w.Text == "Next").BoundingBox.Top;
        var lastNoteLine = page.GetWords().Single(w => w.Text.EndsWith("Łong14")).BoundingBox.Bottom;
        Assert.That(noteLetters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count(), Is.GreaterThanOrEqualTo(4));
        Assert.That(next, Is.LessThan(lastNoteLine));
    }

    [Test]
    public void A_row_taller_than_a_page_continues_on_the_next_page_under_the_header()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 120).Select(i => $"Line {i:000}"));
        var bytes = new PdfDocumentBuilder("Script").Table([new PdfColumn("Who"), new PdfColumn("Says", 4)], [["Chair", lines]]).ToBytes();

        using var pdf = PdfReader.Open(bytes);
        Assert.That(pdf.NumberOfPages, Is.GreaterThanOrEqualTo(2));
        var allText = string.Join(" ", pdf.GetPages().Select(Words));
        Assert.That(Regex.Matches(allText, @"Line \d{3}").Count, Is.EqualTo(120));
        foreach (var page in pdf.GetPages())
            Assert.That(Words(page), Does.Contain("Says"), $"page {page.Number}");
    }

    [Test]
    public void A_right_aligned_column_ends_its_text_at_the_cell_padding()
    {
        var bytes = new PdfDocumentBuilder("Pledges")
            .Table([new PdfColumn("Institution", 3), new PdfColumn("Pledged", 1, PdfAlign.Right)],
                [["St Mary's", "1,250"], ["Bus drivers' branch", "40"]])
            .ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        var cellRight = page.Width - PdfStyle.Margin - PdfStyle.CellPadding;
        foreach (var number in new[] { "1,250", "40", "Pledged" })
        {
            var word = page.GetWords().Single(w => w.Text == number);
            Assert.That(word.BoundingBox.Right, Is.EqualTo(cellRight).Within(1.5), number);
        }
    }

    [Test]
    public void A_png_is_embedded_and_shrunk_to_its_maximum_width_keeping_its_shape()
    {
        var png = Convert.FromBase64String(RedPng);
        var bytes = new PdfDocumentBuilder("Chart").Image(png, maxWidth: 200).Image(png, maxWidth: 4).ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var images = pdf.GetPage(1).GetImages().OrderByDescending(i => i.BoundingBox.Width).ToList();
        Assert.That(images, Has.Count.EqualTo(2));
        Assert.That(images[0].WidthInSamples, Is.EqualTo(8));
        Assert.That(images[0].BoundingBox.Width, Is.GreaterThan(4.5).And.LessThanOrEqualTo(8.5), "a small image keeps its own size");
        Assert.That(images[1].BoundingBox.Width, Is.EqualTo(4).Within(0.1));
        Assert.That(images[1].BoundingBox.Height, Is.EqualTo(2).Within(0.1));
    }

    [Test]
    public void Check_boxes_are_drawn_one_per_row()
    {
        var bytes = new PdfDocumentBuilder("Sheet").Table(SignInColumns, SignInRows(5)).ToBytes();

        using var pdf = PdfReader.Open(bytes);
        var page = pdf.GetPage(1);
        // Cell borders are rectangles too; check boxes are the ones of exactly CheckBoxSize.
        var boxes = page.Paths.Count(p => p.GetBoundingRectangle() is { } r
            && Math.Abs(r.Width - PdfStyle.CheckBoxSize) < 0.5 && Math.Abs(r.Height - PdfStyle.CheckBoxSize) < 0.5);
        Assert.That(boxes, Is.EqualTo(5));
    }

    [Test]
    public void The_font_resolver_is_installed_once_however_many_callers_race()
    {
        Parallel.For(0, 8, _ => PdfFonts.EnsureInstalled());
        var first = PdfSharp.Fonts.GlobalFontSettings.FontResolver;

        PdfFonts.EnsureInstalled();
        Assert.That(first, Is.InstanceOf<DejaVuFontResolver>());
        Assert.That(PdfSharp.Fonts.GlobalFontSettings.FontResolver, Is.SameAs(first));
    }

    [Test]
    public void A_missing_font_names_the_file_and_the_debian_package()
    {
        var resolver = new DejaVuFontResolver("/nonexistent/fonts");

        var error = Assert.Throws<FileNotFoundException>(resolver.EnsureFilesExist);
        Assert.That(error!.Message, Does.Contain("DejaVuSans.ttf").And.Contain("fonts-dejavu-core"));
    }

    private static IEnumerable<IReadOnlyList<PdfCell>> SignInRows(int count) =>
        Enumerable.Range(1, count).Select(i => (IReadOnlyList<PdfCell>)
            [$"Member {i:000}", $"member{i:000}@example.org", PdfCell.CheckBox()]);

    private static XFont BodyFont(XFontStyleEx style)
    {
        PdfFonts.EnsureInstalled();
        return new XFont(DejaVuFontResolver.FamilyName, PdfStyle.BodySize, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    private static string Words(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    private static string Letters(Page page) => string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", "");

    private static void AssertInside(IEnumerable<Letter> letters, double left, double right)
    {
        foreach (var letter in letters.Where(l => l.Value.Trim().Length > 0))
            Assert.That(letter.BoundingBox.Left >= left - 0.5 && letter.BoundingBox.Right <= right + 0.5,
                $"'{letter.Value}' at {letter.BoundingBox.Left:0.0}–{letter.BoundingBox.Right:0.0} is outside {left:0.0}–{right:0.0}");
    }
}
