using System.Text.RegularExpressions;
using Organising.Platform.Documents;
using Organising.Teams.Training;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using UglyToad.PdfPig.Content;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace Organising.Teams.Tests.Training;

/// <summary>The sign-in sheet, rendered directly and read back with PdfPig: what a reader sees.</summary>
public sealed class SignInSheetTests
{
    // Platform's document style (PdfStyle, internal there), in points: the page is A4.
    private const double PageHeight = 842, PageWidth = 595, Margin = 50, FooterHeight = 20, CellPadding = 4;

    private static readonly SessionHeader Session = new("One-to-ones",
        new DateTimeOffset(2026, 3, 3, 18, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 20, 30, 0, TimeSpan.Zero),
        "Northfield Community Centre", null, "Tess Trainer", "Northfield health team");

    private static List<string> Names(int count) => Enumerable.Range(1, count).Select(i => $"Siân Member{i:000}").ToList();

    [Test]
    public void The_heading_names_the_module_date_and_place_and_every_enrolled_name_is_on_the_sheet()
    {
        using var pdf = PdfReader.Open(SignInSheet.Render(Session, ["Łucja Wróblewska-Żak", "Cabdiraxmaan Xasan"]));

        var text = Words(pdf.GetPage(1));
        Assert.That(text, Does.Contain("Sign-in sheet: One-to-ones"));
        Assert.That(text, Does.Contain("Tue 3 Mar 2026, 18:30–20:30"));
        Assert.That(text, Does.Contain("Northfield Community Centre").And.Contain("Tess Trainer"));
        Assert.That(text, Does.Contain("Łucja Wróblewska-Żak").And.Contain("Cabdiraxmaan Xasan"));
        Assert.That(text, Does.Contain("No.").And.Contain("Name").And.Contain("Signature").And.Contain("consent"));
        Assert.That(RowNumbers(pdf.GetPage(1)), Is.EqualTo(Enumerable.Range(1, 2 + SignInSheet.BlankRows)), "the enrolled, then blank rows");
        // One consent box per row: boxes are the 10-point squares (cell borders are rectangles too).
        var boxes = pdf.GetPage(1).Paths.Count(p => p.GetBoundingRectangle() is { } r && Math.Abs(r.Width - 10) < 0.5 && Math.Abs(r.Height - 10) < 0.5);
        Assert.That(boxes, Is.EqualTo(2 + SignInSheet.BlankRows));
    }

    [Test]
    public void A_120_person_session_takes_the_pages_its_rows_add_up_to_with_every_name_the_header_and_page_numbers_on_each()
    {
        var (bytes, pageCount) = SignInSheet.Build(Session, Names(120));

        using var pdf = PdfReader.Open(bytes);
        var rowsPerPage = Enumerable.Range(1, pdf.NumberOfPages).Select(n => RowNumbers(pdf.GetPage(n)).Count).ToList();
        // After the first page (which also holds the heading), each page holds the rows that fit under the header row:
        // every row is two body lines tall (room to sign) and the header's "I consent to being contacted" wraps onto two lines.
        var line = Font(XFontStyleEx.Regular).GetHeight();
        var headerLine = Font(XFontStyleEx.Bold).GetHeight();
        var room = PageHeight - Margin - FooterHeight - Margin;
        var fullPage = (int)((room - (2 * headerLine + 2 * CellPadding)) / (2 * line + 2 * CellPadding));
        var total = 120 + SignInSheet.BlankRows;
        var expectedPages = 1 + (int)Math.Ceiling((total - rowsPerPage[0]) / (double)fullPage);

        Assert.That(rowsPerPage[0], Is.GreaterThan(10).And.LessThan(fullPage), "the heading takes some of the first page");
        Assert.That(pdf.NumberOfPages, Is.EqualTo(expectedPages));
        Assert.That(pageCount, Is.EqualTo(expectedPages), "the builder reports the same count");
        Assert.That(rowsPerPage.Skip(1).SkipLast(1), Is.All.EqualTo(fullPage));
        Assert.That(rowsPerPage.Sum(), Is.EqualTo(total));
        Assert.That(Enumerable.Range(1, pdf.NumberOfPages).SelectMany(n => RowNumbers(pdf.GetPage(n))), Is.EqualTo(Enumerable.Range(1, total)));

        var all = string.Join(" ", pdf.GetPages().Select(Words));
        Assert.That(Regex.Matches(all, @"Siân Member\d{3}").Select(m => m.Value).Distinct().Count(), Is.EqualTo(120));
        foreach (var page in pdf.GetPages())
        {
            Assert.That(Words(page), Does.Contain("Signature").And.Contain($"Page {page.Number} of {pdf.NumberOfPages}"), $"page {page.Number}");
        }
        Assert.That(expectedPages, Is.EqualTo(7), $"the page count observed for 120 enrolled (rows per page {string.Join(", ", rowsPerPage)}); a change here changes what is printed");
    }

    /// <summary>The numbers in the No. column of a page, top to bottom.</summary>
    private static List<int> RowNumbers(Page page)
    {
        var noColumnRight = Margin + (PageWidth - 2 * Margin) * SignInSheet.Columns[0].RelativeWidth / SignInSheet.Columns.Sum(c => c.RelativeWidth);
        // Below the table's header row (the heading above it has a date in it).
        var headerBottom = page.GetWords().Single(w => w.Text == "No.").BoundingBox.Bottom;
        return page.GetWords().Where(w => w.BoundingBox.Right <= noColumnRight + 0.5 && w.BoundingBox.Top < headerBottom && Regex.IsMatch(w.Text, @"^\d+$"))
            .OrderByDescending(w => w.BoundingBox.Bottom).Select(w => int.Parse(w.Text)).ToList();
    }

    private static XFont Font(XFontStyleEx style)
    {
        PdfFonts.EnsureInstalled();
        return new XFont(DejaVuFontResolver.FamilyName, 10, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    private static string Words(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));
}
