using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Organising.Testing;

/// <summary>A loopback port nothing listens on yet: for an app, a test SMTP server, or a mail server that is down.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The settings that point the app's mail at a test SMTP server.</summary>
public static class TestSmtp
{
    public static int FreePort() => LoopbackPort.Free();

    /// <summary>Plain SMTP to 127.0.0.1:<paramref name="port"/> (netDumbster, or nothing: a mail server that is down).</summary>
    public static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Organising:Smtp:Host"] = "127.0.0.1",
        ["Organising:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Organising:Smtp:UseTls"] = "false",
        ["Organising:Smtp:From"] = "organising@example.org",
    };
}
