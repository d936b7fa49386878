using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Organising.Platform.Documents;

/// <summary>
/// Lays out a printable A4 document from top to bottom: headings, wrapped paragraphs, tables whose header row
/// repeats on every page, images, and "Page N of M" footers. Each call draws at once and starts a new page when
/// the next piece does not fit; footers are drawn in <see cref="ToBytes"/>, when the page count is known.
/// </summary>
public sealed class PdfDocumentBuilder
{
    private static readonly XPen Rule = new(XColors.Gray, PdfStyle.RuleWidth);
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(235, 235, 235));

    private readonly PdfDocument _document = new();
    private readonly XFont _body, _bold, _italic, _footer;
    private readonly XFont[] _headings;
    private XGraphics _graphics = null!;
    private double _y, _pageWidth, _pageHeight;
    private byte[]? _bytes;

    public PdfDocumentBuilder(string title, string? author = null)
    {
        PdfFonts.EnsureInstalled();
        _document.Info.Title = title;
        if (author is not null)
            _document.Info.Author = author;
        _document.Info.Creator = "Organising for Health";

        _body = Font(PdfStyle.BodySize, XFontStyleEx.Regular);
        _bold = Font(PdfStyle.BodySize, XFontStyleEx.Bold);
        _italic = Font(PdfStyle.BodySize, XFontStyleEx.Italic);
        _footer = Font(PdfStyle.FooterSize, XFontStyleEx.Regular);
        _headings = PdfStyle.HeadingSizes.Select(size => Font(size, XFontStyleEx.Bold)).ToArray();
        NewPage();
    }

    /// <summary>The width between the margins, for sizing images and charts.</summary>
    public double ContentWidth => _pageWidth - 2 * PdfStyle.Margin;

    /// <summary>Pages so far (after <see cref="ToBytes"/>, in the document); kept here because PDFsharp's count is unreadable once saved.</summary>
    public int PageCount { get; private set; }

    /// <summary>Where content must end on every page: above the footer.</summary>
    private double ContentBottom => _pageHeight - PdfStyle.Margin - PdfStyle.FooterHeight;

    private bool AtPageTop => _y <= PdfStyle.Margin;

    /// <summary>Level 1 to 3. A heading moves to the next page rather than sit alone at the foot of one.</summary>
    public PdfDocumentBuilder Heading(string text, int level = 1)
    {
        ThrowIfFinished();
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, _headings.Length);
        var font = _headings[level - 1];
        var lines = Wrap(text, font, ContentWidth);
        if (!AtPageTop)
            _y += PdfStyle.HeadingSpacingBefore;
        EnsureSpace(lines.Count * font.GetHeight() + 2 * _body.GetHeight());
        DrawLines(lines, font);
        _y += PdfStyle.HeadingSpacingAfter;
        return this;
    }

    /// <summary>Wrapped at spaces; a word wider than the page is broken; "\n" starts a new line.</summary>
    public PdfDocumentBuilder Paragraph(string text, PdfTextStyle style = PdfTextStyle.Normal)
    {
        ThrowIfFinished();
        var font = style switch { PdfTextStyle.Bold => _bold, PdfTextStyle.Italic => _italic, _ => _body };
        DrawLines(Wrap(text, font, ContentWidth), font);
        _y += PdfStyle.ParagraphSpacing;
        return this;
    }

    public PdfDocumentBuilder Spacer(double points)
    {
        ThrowIfFinished();
        _y += points;
        if (_y > ContentBottom)
            NewPage();
        return this;
    }

    public PdfDocumentBuilder PageBreak()
    {
        ThrowIfFinished();
        NewPage();
        return this;
    }

    /// <summary>A PNG or JPEG, at most <paramref name="maxWidth"/> points wide (and never wider than the page).</summary>
    public PdfDocumentBuilder Image(byte[] bytes, double maxWidth)
    {
        ThrowIfFinished();
        using var stream = new MemoryStream(bytes, writable: false);
        using var image = XImage.FromStream(stream);
        var width = Math.Min(Math.Min(maxWidth, ContentWidth), image.PointWidth);
        var height = width * image.PixelHeight / image.PixelWidth;
        var pageRoom = ContentBottom - PdfStyle.Margin;
        if (height > pageRoom)
            (width, height) = (width * pageRoom / height, pageRoom);
        EnsureSpace(height);
        _graphics.DrawImage(image, PdfStyle.Margin, _y, width, height);
        _y += height + PdfStyle.ParagraphSpacing;
        return this;
    }

    /// <summary>
    /// Cells wrap and rows grow to fit. When a row does not fit, the table continues on a new page under a repeat of
    /// the header row; a row taller than a whole page is split between pages.
    /// </summary>
    public PdfDocumentBuilder Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<PdfCell>> rows)
    {
        ThrowIfFinished();
        if (columns.Count == 0)
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        var totalShare = columns.Sum(c => c.RelativeWidth);
        var widths = columns.Select(c => ContentWidth * c.RelativeWidth / totalShare).ToArray();
        var header = LayOutRow(columns.Select(c => (PdfCell)c.Header).ToList(), columns, widths, _bold);

        // Keep the header with at least one line of the first row.
        if (RowHeight(header, 0, header.LineCount) + RowHeight(1) > ContentBottom - _y)
            NewPage();
        DrawTableHeader(header, widths);

        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
                throw new ArgumentException($"A row has {row.Count} cells; the table has {columns.Count} columns.", nameof(rows));
            DrawTableRow(LayOutRow(row, columns, widths, _body), widths, header);
        }
        _y += PdfStyle.ParagraphSpacing;
        return this;
    }

    public byte[] ToBytes()
    {
        if (_bytes is not null)
            return _bytes;
        _graphics.Dispose();
        DrawFooters();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        _bytes = stream.ToArray();
        return _bytes;
    }

    private void DrawFooters()
    {
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var top = page.Height.Point - PdfStyle.Margin - _footer.GetHeight();
            graphics.DrawString($"Page {i + 1} of {count}", _footer, XBrushes.DimGray,
                new XRect(PdfStyle.Margin, top, ContentWidth, _footer.GetHeight()), XStringFormats.TopCenter);
        }
    }

    // ---- tables ----

    private sealed record LaidOutCell(IReadOnlyList<string> Lines, PdfCheckBoxCell? CheckBox, bool AlignRight);

    private sealed record LaidOutRow(IReadOnlyList<LaidOutCell> Cells, XFont Font)
    {
        public int LineCount => Math.Max(1, Cells.Max(c => c.Lines.Count));
        public bool HasCheckBox => Cells.Any(c => c.CheckBox is not null);
    }

    private LaidOutRow LayOutRow(IReadOnlyList<PdfCell> cells, IReadOnlyList<PdfColumn> columns, double[] widths, XFont font) =>
        new(cells.Select((cell, i) => cell switch
        {
            PdfCheckBoxCell box => new LaidOutCell([], box, false),
            PdfTextCell text => new LaidOutCell(
                Wrap(text.Value, font, widths[i] - 2 * PdfStyle.CellPadding), null, columns[i].Align == PdfAlign.Right),
            _ => throw new ArgumentException($"Unknown cell {cell.GetType().Name}."),
        }).ToList(), font);

    private double RowHeight(int lines) => lines * _body.GetHeight() + 2 * PdfStyle.CellPadding;

    private double RowHeight(LaidOutRow row, int firstLine, int lines)
    {
        var text = lines * row.Font.GetHeight();
        var box = row.HasCheckBox && firstLine == 0 ? PdfStyle.CheckBoxSize : 0;
        return Math.Max(text, box) + 2 * PdfStyle.CellPadding;
    }

    private void DrawTableHeader(LaidOutRow header, double[] widths)
    {
        var height = RowHeight(header, 0, header.LineCount);
        DrawRowSlice(header, widths, 0, header.LineCount, height, HeaderFill);
    }

    private void DrawTableRow(LaidOutRow row, double[] widths, LaidOutRow header)
    {
        var firstLine = 0;
        var rowDrawnOnThisPage = false;
        while (true)
        {
            var remaining = row.LineCount - firstLine;
            var height = RowHeight(row, firstLine, remaining);
            if (_y + height <= ContentBottom)
            {
                DrawRowSlice(row, widths, firstLine, remaining, height, fill: null);
                return;
            }
            if (rowDrawnOnThisPage || !JustBelowHeader(header))
            {
                NewPage();
                DrawTableHeader(header, widths);
                rowDrawnOnThisPage = false;
                continue;
            }
            // Taller than a whole page: fill this page with as many lines as fit, and carry the rest over.
            var fit = Math.Max(1, (int)((ContentBottom - _y - 2 * PdfStyle.CellPadding) / row.Font.GetHeight()));
            DrawRowSlice(row, widths, firstLine, fit, RowHeight(row, firstLine, fit), fill: null);
            firstLine += fit;
            rowDrawnOnThisPage = true;
        }
    }

    private bool JustBelowHeader(LaidOutRow header) =>
        Math.Abs(_y - (PdfStyle.Margin + RowHeight(header, 0, header.LineCount))) < 0.01;

    private void DrawRowSlice(LaidOutRow row, double[] widths, int firstLine, int lineCount, double height, XBrush? fill)
    {
        var x = PdfStyle.Margin;
        var lineHeight = row.Font.GetHeight();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var cell = row.Cells[i];
            var box = new XRect(x, _y, widths[i], height);
            if (fill is not null)
                _graphics.DrawRectangle(fill, box);
            _graphics.DrawRectangle(Rule, box);

            if (cell.CheckBox is { } checkBox && firstLine == 0)
                DrawCheckBox(x + PdfStyle.CellPadding, _y + PdfStyle.CellPadding, checkBox.IsChecked);
            var lines = cell.Lines.Skip(firstLine).Take(lineCount).ToList();
            for (var l = 0; l < lines.Count; l++)
            {
                var left = cell.AlignRight
                    ? x + widths[i] - PdfStyle.CellPadding - Measure(lines[l], row.Font)
                    : x + PdfStyle.CellPadding;
                _graphics.DrawString(lines[l], row.Font, XBrushes.Black,
                    left, _y + PdfStyle.CellPadding + l * lineHeight, XStringFormats.TopLeft);
            }
            x += widths[i];
        }
        _y += height;
    }

    private void DrawCheckBox(double x, double y, bool isChecked)
    {
        var size = PdfStyle.CheckBoxSize;
        _graphics.DrawRectangle(XPens.Black, x, y, size, size);
        if (!isChecked)
            return;
        _graphics.DrawLine(XPens.Black, x + 2, y + 2, x + size - 2, y + size - 2);
        _graphics.DrawLine(XPens.Black, x + size - 2, y + 2, x + 2, y + size - 2);
    }

    // ---- text ----

    private void DrawLines(IReadOnlyList<string> lines, XFont font)
    {
        var lineHeight = font.GetHeight();
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            _graphics.DrawString(line, font, XBrushes.Black, PdfStyle.Margin, _y, XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    /// <summary>Greedy word wrap. Blank lines are kept; a word wider than the line is broken between characters.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Replace('\t', ' ').Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                    lines.Add(current);
                current = word;
                if (Measure(word, font) <= width)
                    continue;
                var pieces = BreakWord(word, font, width);
                lines.AddRange(pieces.SkipLast(1));
                current = pieces[^1];
            }
            lines.Add(current);
        }
        return lines;
    }

    // Breaks between text elements (not UTF-16 units), so accents and surrogate pairs stay whole.
    private List<string> BreakWord(string word, XFont font, double width)
    {
        var pieces = new List<string>();
        var current = "";
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (current.Length > 0 && Measure(current + element, font) > width)
            {
                pieces.Add(current);
                current = "";
            }
            current += element;
        }
        pieces.Add(current);
        return pieces;
    }

    private double Measure(string text, XFont font) => _graphics.MeasureString(text, font).Width;

    // ---- pages ----

    private void EnsureSpace(double height)
    {
        if (_y + height > ContentBottom && !AtPageTop)
            NewPage();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        (_pageWidth, _pageHeight) = (page.Width.Point, page.Height.Point);
        PageCount++;
        _graphics = XGraphics.FromPdfPage(page);
        _y = PdfStyle.Margin;
    }

    private void ThrowIfFinished()
    {
        if (_bytes is not null)
            throw new InvalidOperationException("The document has been written; start a new builder.");
    }

    // Unicode encoding: names in any script DejaVu covers, and text that readers (and PdfPig) can extract.
    private static XFont Font(double size, XFontStyleEx style) =>
        new(DejaVuFontResolver.FamilyName, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
