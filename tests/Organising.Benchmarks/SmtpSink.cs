using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Organising.Benchmarks;

/// <summary>
/// The smallest SMTP server that accepts everything: it answers each command, counts messages and keeps their
/// Message-IDs, and nothing else, so a benchmark measures the sender rather than the sink. It offers PIPELINING, as
/// real mail servers do, so MailKit sends MAIL, RCPT and DATA in one round trip.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _messages;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Messages => Volatile.Read(ref _messages);
    public ConcurrentDictionary<string, int> MessageIds { get; } = new(StringComparer.Ordinal);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n" };
            await writer.WriteLineAsync("220 sink ready");
            await writer.FlushAsync();
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteAsync("250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go ahead");
                            await writer.FlushAsync();
                            string? messageId = null;
                            while (await reader.ReadLineAsync() is { } data && data != ".")
                            {
                                if (messageId is null && data.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)) messageId = data[11..].Trim();
                            }
                            Interlocked.Increment(ref _messages);
                            if (messageId is not null) MessageIds.AddOrUpdate(messageId, 1, (_, n) => n + 1);
                            await writer.WriteLineAsync("250 queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            await writer.FlushAsync();
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                    await writer.FlushAsync();
                }
            }
            catch (IOException) { } // the client went away
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
