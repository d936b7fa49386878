namespace Organising.Platform.Documents;

/// <summary>
/// A table column: its header text, its share of the page width (relative to the other columns), and its alignment
/// (right for numbers, such as pledge totals).
/// </summary>
public sealed record PdfColumn(string Header, double RelativeWidth = 1, PdfAlign Align = PdfAlign.Left);

public enum PdfAlign { Left, Right }

/// <summary>One cell of a table row. A string converts to a text cell, so rows read as plain lists.</summary>
public abstract record PdfCell
{
    public static PdfCell Text(string text) => new PdfTextCell(text);

    /// <summary>An empty box to tick by hand (a consent box on a sign-in sheet), or a ticked one.</summary>
    public static PdfCell CheckBox(bool isChecked = false) => new PdfCheckBoxCell(isChecked);

    public static implicit operator PdfCell(string? text) => new PdfTextCell(text ?? "");
}

public sealed record PdfTextCell(string Value) : PdfCell;

public sealed record PdfCheckBoxCell(bool IsChecked) : PdfCell;

public enum PdfTextStyle { Normal, Bold, Italic }
