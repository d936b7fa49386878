using System.Net;
using System.Net.Sockets;

namespace Organising.Platform.Tests.Support;

/// <summary>
/// A loopback port that passes connections through to a server, and can be cut (every connection dropped, new ones
/// refused) and restored on the same port: the database server going away and coming back, without stopping it.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _open = [];

    public TcpRelay(string host, int port)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cut.Token);
    }

    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            var server = new TcpClient();
            try { await server.ConnectAsync(_target, ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException) { client.Dispose(); server.Dispose(); continue; }
            lock (_open) { _open.Add(client); _open.Add(server); }
            _ = PumpAsync(client, server, ct);
            _ = PumpAsync(server, client, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), ct); }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
        finally { from.Dispose(); to.Dispose(); }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
