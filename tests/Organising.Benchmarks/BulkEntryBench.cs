using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Organising.Benchmarks;

/// <summary>
/// The Listening issue's bulk-entry goal, against a running app: one paper report-back form of 30 rows (15 issues with
/// themes typed as codes, 15 stories) posted to /Listening/Events/Record, one after another, each timed from sending
/// to the redirect that follows a commit. Beside it, as many sequential GETs of a static file from the same server.
/// </summary>
internal static partial class BulkEntryBench
{
    private static readonly string[] ThemeCodes = ["ACC", "COM", "MH", "LTC", "MAT", "HOU", "WM", "ISO", "FOOD", "SAF", "DIS"];

    public static async Task<int> Run(string[] args)
    {
        if (args.Length < 3) return 2;
        var (baseUrl, cookie, campaign) = (args[0].TrimEnd('/'), args[1], args[2]);
        var runs = Seeding.IntArg(args, 3, 50);
        var staticPath = args.Length > 4 && args[4].Length > 0 ? args[4] : null;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };

        var path = $"/Listening/Events/Record?campaign={campaign}";
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Add("Cookie", cookie);
        using var page = await http.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;
        // The network is a hidden field (one network) or a select (several): the first id after its name.
        var network = FirstId().Match(html, Math.Max(0, html.IndexOf("name=\"Input.NetworkId\"", StringComparison.Ordinal))).Groups[1].Value;
        var antiforgery = page.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
        if (page.StatusCode != System.Net.HttpStatusCode.OK || token.Length == 0)
        {
            Console.Error.WriteLine($"GET {path} answered {(int)page.StatusCode} without a form to post.");
            return 1;
        }

        var posts = new List<double>();
        var day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var run = 0; run < runs + 3; run++)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", token), new("Input.Type", "house-meeting"), new("Input.Date", day),
                new("Input.Time", "18:30"), new("Input.Place", $"Bench flat {run}"), new("Input.Headcount", "12"), new("Input.Language", "English"),
                new("Input.NetworkId", network),
            };
            for (var i = 0; i < 30; i++)
            {
                var p = $"Input.Rows[{i}]";
                var issue = i % 2 == 0;
                fields.Add(new($"{p}.Kind", issue ? "issue" : "story"));
                fields.Add(new($"{p}.Text", issue ? $"Issue {i} raised at form {run}: waiting weeks for an appointment" : $"Story {i} told at form {run}: what the wait meant for the family"));
                fields.Add(new($"{p}.Themes", issue ? $"{ThemeCodes[i % ThemeCodes.Length]}, {ThemeCodes[(i + 3) % ThemeCodes.Length]}" : ""));
                fields.Add(new($"{p}.Consent", issue ? "" : (i % 3 == 0 ? "public" : "alliance")));
                fields.Add(new($"{p}.TellerLabel", issue ? "" : "a resident"));
            }
            using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            post.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(post);
            watch.Stop();
            if ((int)response.StatusCode != 302)
            {
                Console.Error.WriteLine($"POST {path} answered {(int)response.StatusCode}, not a redirect: the form was not saved.");
                return 1;
            }
            if (run >= 3) posts.Add(watch.Elapsed.TotalMilliseconds); // the first few warm the code paths
        }

        var statics = new List<double>();
        if (staticPath is not null)
            for (var run = 0; run < runs + 3; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(staticPath);
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (run >= 3) statics.Add(watch.Elapsed.TotalMilliseconds);
            }

        var line = $"Bulk entry of one 30-row report-back form (15 issues, 15 stories), {runs} posts one after another: " +
            $"p50 {Percentile(posts, 50):0.0} ms, p95 {Percentile(posts, 95):0.0} ms, max {posts.Max():0.0} ms from sending to the redirect after the commit";
        if (statics.Count > 0)
            line += $"; a static file from the same server the same way: p50 {Percentile(statics, 50):0.0} ms, p95 {Percentile(statics, 95):0.0} ms " +
                $"(ratio of p50s {Percentile(posts, 50) / Percentile(statics, 50):0.0})";
        Console.WriteLine(line);
        return 0;
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FirstId();
}
