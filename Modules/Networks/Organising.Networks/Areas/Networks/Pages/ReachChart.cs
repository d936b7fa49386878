using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>
/// The reach page's bar chart, drawn by ScottPlot as SVG and embedded in the page. ScottPlot's SVG has
/// presentation attributes only (no style element, no script), so it is allowed by the content security
/// policy. The page carries a table with the same numbers for screen readers and for printing.
/// </summary>
internal static class ReachChart
{
    public const int Width = 640;
    public const int Height = 320;

    /// <summary>
    /// An inline &lt;svg&gt; (no XML declaration) with role="img", a title and a description, scaling to its container.
    /// Labels are our own fixed wording, never user text.
    /// </summary>
    public static string BarsSvg(string id, string title, IReadOnlyList<(string Label, int Value)> bars)
    {
        // Drawing costs more than the page's queries; the same numbers always draw the same chart.
        var key = string.Join("\u001f", [id, title, .. bars.Select(b => $"{b.Label}\u001e{b.Value}")]);
        if (Drawn.TryGetValue(key, out var cached)) return cached;
        if (Drawn.Count >= MaxCached) Drawn.Clear();
        return Drawn[key] = Draw(id, title, bars);
    }

    private const int MaxCached = 500;
    private static readonly ConcurrentDictionary<string, string> Drawn = new();

    private static string Draw(string id, string title, IReadOnlyList<(string Label, int Value)> bars)
    {
        var plot = new ScottPlot.Plot();
        plot.Font.Set("DejaVu Sans");
        var series = plot.Add.Bars(bars.Select(b => (double)b.Value).ToArray());
        series.Color = ScottPlot.Color.FromHex("#1d3b58");
        foreach (var bar in series.Bars) bar.LineWidth = 0;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = "People";
        plot.Axes.Margins(bottom: 0);
        if (bars.All(b => b.Value == 0)) plot.Axes.SetLimitsY(0, 1);
        plot.HideGrid();

        var svg = XDocument.Parse(plot.GetSvgXml(Width, Height)).Root!;
        var ns = svg.Name.Namespace;
        svg.SetAttributeValue("viewBox", $"0 0 {Width} {Height}");
        svg.SetAttributeValue("role", "img");
        svg.SetAttributeValue("aria-labelledby", $"{id}-title {id}-desc");
        svg.SetAttributeValue("class", "img-fluid");
        svg.SetAttributeValue("id", id);
        svg.AddFirst(
            new XElement(ns + "title", new XAttribute("id", $"{id}-title"), title),
            new XElement(ns + "desc", new XAttribute("id", $"{id}-desc"), string.Join("; ", bars.Select(b => $"{b.Label}: {b.Value}")) + "."));
        return svg.ToString(SaveOptions.DisableFormatting);
    }
}
