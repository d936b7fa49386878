using System.Diagnostics;
using Organising.Platform.Documents;
using Organising.Teams.Training;

namespace Organising.Benchmarks;

/// <summary>
/// The Teams issue's document benchmark: a sign-in sheet for 200 enrolled rendered by the app's own code (PDFsharp through
/// Platform's layout layer), after a few untimed runs for the JIT. Reports the median, p95 and worst of RUNS renders,
/// the first (cold) render, the page count and the size.
/// </summary>
internal static class SignInSheetBench
{
    public static int Run(string[] args)
    {
        var rows = Seeding.IntArg(args, 0, 200);
        var runs = Seeding.IntArg(args, 1, 50);
        PdfFonts.EnsureInstalled();
        var names = Enumerable.Range(1, rows).Select(i => $"Participant {i:D3} {(i % 7 == 0 ? "Oluwaseun Adebayo-Williams" : "Amina Hassan")}").ToList();
        var header = new SessionHeader("Public narrative and testimony", new DateTimeOffset(2026, 12, 3, 18, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 3, 20, 30, 0, TimeSpan.Zero), "Community centre, Room 2", null, "Bench Trainer", "Bench team 001");

        var cold = Stopwatch.StartNew();
        var (bytes, pages) = SignInSheet.Build(header, names);
        var coldMs = cold.Elapsed.TotalMilliseconds;
        for (var i = 0; i < 5; i++) SignInSheet.Render(header, names);

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            SignInSheet.Render(header, names);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"Sign-in sheet, {rows} enrolled: {pages} pages, {bytes.Length / 1024.0:0} KB; first render {coldMs:0} ms; " +
            $"{runs} warm renders: p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, worst {times[^1]:0.0} ms");
        return 0;
    }
}
