using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace Organising.EndToEnd.Tests.Infrastructure;

/// <summary>The .eml files the app writes when it has no SMTP server: &lt;DataDirectory&gt;/outbox/.</summary>
public sealed partial class Outbox(string directory)
{
    /// <summary>
    /// The newest message to <paramref name="recipient"/>, waiting for it to appear (sending may be
    /// queued). Files are renamed into place whole, so a *.eml file is never half-written.
    /// </summary>
    public async Task<MimeMessage> WaitForNewestToAsync(string recipient, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var newest = Messages()
                .Where(m => m.Message.To.Mailboxes.Any(a => string.Equals(a.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(m => m.Written)
                .ThenByDescending(m => m.Name, StringComparer.Ordinal) // names start with a UTC stamp and a time-ordered id
                .Select(m => m.Message)
                .FirstOrDefault();
            if (newest is not null) return newest;
            if (clock.Elapsed > limit)
            {
                var names = Directory.Exists(directory) ? string.Join(", ", Directory.GetFiles(directory).Select(Path.GetFileName)) : "(no outbox folder)";
                throw new TimeoutException($"No e-mail to {recipient} reached {directory} within {limit.TotalSeconds:0} s. Files there: {names}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The first http(s) link in the message's text whose path is <paramref name="path"/>.</summary>
    public static Uri LinkTo(MimeMessage message, string path)
    {
        var text = message.TextBody ?? message.HtmlBody ?? "";
        foreach (Match match in LinkPattern().Matches(text))
        {
            if (Uri.TryCreate(match.Value, UriKind.Absolute, out var uri) && string.Equals(uri.AbsolutePath, path, StringComparison.OrdinalIgnoreCase))
            {
                return uri;
            }
        }
        throw new InvalidOperationException($"The e-mail \"{message.Subject}\" has no link to {path}. Its text:{Environment.NewLine}{text}");
    }

    private IEnumerable<(MimeMessage Message, DateTime Written, string Name)> Messages()
    {
        if (!Directory.Exists(directory)) yield break;
        foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
        {
            yield return (MimeMessage.Load(file), File.GetLastWriteTimeUtc(file), Path.GetFileName(file));
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
