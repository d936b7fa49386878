namespace Organising.Platform.Documents;

/// <summary>The one look every document shares, in points (1/72 inch). Tests compute expected layouts from these.</summary>
internal static class PdfStyle
{
    public const double Margin = 50;
    public const double FooterHeight = 20;
    public const double BodySize = 10;
    public const double FooterSize = 8;
    public static readonly double[] HeadingSizes = [18, 14, 12];
    public const double ParagraphSpacing = 6;
    public const double HeadingSpacingBefore = 8;
    public const double HeadingSpacingAfter = 4;
    public const double CellPadding = 4;
    public const double CheckBoxSize = 10;
    public const double RuleWidth = 0.5;
}
