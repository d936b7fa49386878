using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Organising.Platform.Web;

/// <summary>
/// Charts every module's pages share, drawn by ScottPlot as SVG and embedded inline. ScottPlot's SVG has presentation
/// attributes only (no style element, no script), so the content security policy allows it. A page carries a table with
/// the same numbers beside each chart, for screen readers and for printing.
/// <para>
/// Labels may be user text (a theme's or a network's name): Skia writes the SVG as bytes that ScottPlot reads as ASCII,
/// so each label is drawn as a placeholder of its own width and the real text is put back into the parsed document,
/// where LINQ to XML escapes it (&lt;, &amp;, quotes) and keeps every character (accents, other scripts).
/// </para>
/// </summary>
public static class Charts
{
    public const int Width = 640;
    public const int Height = 320;

    private const int MaxCached = 500;
    private static readonly ConcurrentDictionary<string, string> Drawn = new();
    private static readonly ScottPlot.Color Ink = ScottPlot.Color.FromHex("#1d3b58");
    private static readonly ScottPlot.Color Second = ScottPlot.Color.FromHex("#c0561b");

    /// <summary>
    /// A bar chart as an inline &lt;svg&gt; (no XML declaration) with role="img", a title and a description, scaling
    /// to its container. <paramref name="horizontal"/> lays bars sideways, for long labels.
    /// </summary>
    public static string BarsSvg(string id, string title, IReadOnlyList<(string Label, int Value)> bars, string valueAxis = "People",
        bool horizontal = false)
    {
        // Drawing costs more than the page's queries; the same numbers always draw the same chart.
        var key = string.Join("\u001f", ["bars", id, title, valueAxis, horizontal ? "h" : "v", .. bars.Select(b => $"{b.Label}\u001e{b.Value}")]);
        return Cached(key, () => DrawBars(id, title, bars, valueAxis, horizontal));
    }

    /// <summary>
    /// A line chart of one or more series over the same categories (weeks, say), with a legend, as <see cref="BarsSvg"/>.
    /// Every series has one value per category.
    /// </summary>
    public static string LinesSvg(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series,
        string valueAxis = "Count")
    {
        if (series.Any(s => s.Values.Count != categories.Count))
            throw new ArgumentException("Every series needs one value per category.", nameof(series));
        var key = string.Join("\u001f", ["lines", id, title, valueAxis, .. categories, .. series.Select(s => $"{s.Name}\u001e{string.Join(",", s.Values)}")]);
        return Cached(key, () => DrawLines(id, title, categories, series, valueAxis));
    }

    private static string Cached(string key, Func<string> draw)
    {
        if (Drawn.TryGetValue(key, out var cached)) return cached;
        if (Drawn.Count >= MaxCached) Drawn.Clear();
        return Drawn[key] = draw();
    }

    private static string DrawBars(string id, string title, IReadOnlyList<(string Label, int Value)> bars, string valueAxis, bool horizontal)
    {
        var labels = new Labels();
        var plot = NewPlot();
        var series = plot.Add.Bars(bars.Select(b => (double)b.Value).ToArray());
        series.Color = Ink;
        series.Horizontal = horizontal;
        foreach (var bar in series.Bars) bar.LineWidth = 0;
        var positions = Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray();
        var tickLabels = bars.Select(b => labels.Placeholder(b.Label)).ToArray();
        ScottPlot.IAxis categoryAxis = horizontal ? plot.Axes.Left : plot.Axes.Bottom;
        ScottPlot.IAxis numberAxis = horizontal ? plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.SetTicks(positions, tickLabels);
        numberAxis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        numberAxis.Label.Text = valueAxis;
        if (horizontal)
        {
            plot.Axes.Margins(left: 0);
            if (bars.All(b => b.Value == 0)) plot.Axes.SetLimitsX(0, 1);
        }
        else
        {
            plot.Axes.Margins(bottom: 0);
            if (bars.All(b => b.Value == 0)) plot.Axes.SetLimitsY(0, 1);
        }
        plot.HideGrid();
        return Finish(plot, labels, id, title, string.Join("; ", bars.Select(b => $"{b.Label}: {b.Value}")) + ".");
    }

    private static string DrawLines(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series,
        string valueAxis)
    {
        var labels = new Labels();
        var plot = NewPlot();
        var xs = Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray();
        var colours = new[] { Ink, Second };
        for (var s = 0; s < series.Count; s++)
        {
            var line = plot.Add.Scatter(xs, series[s].Values.Select(v => (double)v).ToArray());
            line.Color = colours[s % colours.Length];
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = labels.Placeholder(series[s].Name);
        }
        // At most about ten category labels, so they stay readable.
        var step = Math.Max(1, (int)Math.Ceiling(categories.Count / 10.0));
        var shown = Enumerable.Range(0, categories.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(shown.Select(i => (double)i).ToArray(), shown.Select(i => labels.Placeholder(categories[i])).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = valueAxis;
        if (series.All(s => s.Values.All(v => v == 0))) plot.Axes.SetLimitsY(0, 1);
        else plot.Axes.SetLimitsY(0, series.Max(s => s.Values.DefaultIfEmpty(0).Max()) * 1.1);
        if (categories.Count == 1) plot.Axes.SetLimitsX(-1, 1);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.HideGrid();
        var description = string.Join("; ", categories.Select((c, i) => $"{c}: {string.Join(", ", series.Select(s => $"{s.Name} {s.Values[i]}"))}")) + ".";
        return Finish(plot, labels, id, title, description);
    }

    private static ScottPlot.Plot NewPlot()
    {
        var plot = new ScottPlot.Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    private static string Finish(ScottPlot.Plot plot, Labels labels, string id, string title, string description)
    {
        var svg = XDocument.Parse(plot.GetSvgXml(Width, Height)).Root!;
        var ns = svg.Name.Namespace;
        labels.Restore(svg);
        svg.SetAttributeValue("viewBox", $"0 0 {Width} {Height}");
        svg.SetAttributeValue("role", "img");
        svg.SetAttributeValue("aria-labelledby", $"{id}-title {id}-desc");
        svg.SetAttributeValue("class", "img-fluid");
        svg.SetAttributeValue("id", id);
        svg.AddFirst(new XElement(ns + "title", new XAttribute("id", $"{id}-title"), title), new XElement(ns + "desc", new XAttribute("id", $"{id}-desc"), description));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Placeholders for user text: ASCII letters as wide as the label (so the layout leaves it room), unique per label,
    /// that nothing else in a chart contains.
    /// </summary>
    private sealed class Labels
    {
        private readonly Dictionary<string, string> _byPlaceholder = new(StringComparer.Ordinal);

        public string Placeholder(string label)
        {
            var tag = "Q" + ToLetters(_byPlaceholder.Count) + "Q";
            var length = Math.Max(tag.Length, new StringInfo(label).LengthInTextElements);
            var placeholder = tag + new string('x', length - tag.Length);
            _byPlaceholder[placeholder] = label;
            return placeholder;
        }

        public void Restore(XElement svg)
        {
            if (_byPlaceholder.Count == 0) return;
            foreach (var text in svg.DescendantNodes().OfType<XText>().ToList())
            {
                if (_byPlaceholder.TryGetValue(text.Value.Trim(), out var label)) text.Value = label;
            }
        }

        private static string ToLetters(int n)
        {
            var sb = new StringBuilder();
            do { sb.Insert(0, (char)('A' + n % 26)); n /= 26; } while (n > 0);
            return sb.ToString();
        }
    }
}
