namespace Organising.Platform.Tests;

/// <summary>
/// A database setting the app cannot use stops start-up with one clear line naming the setting, in a real process:
/// no stack trace, and an exit code a service manager sees.
/// </summary>
public sealed class StartupTests
{
    private static async Task<(int? ExitCode, IReadOnlyList<string> Output)> StartAsync(string? provider, string? connectionString)
    {
        using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["Organising__Database__Provider"] = provider,
            ["Organising__Database__ConnectionString"] = connectionString,
        });
        return (await host.WaitForExitAsync(TimeSpan.FromSeconds(60)), host.Output);
    }

    private static void AssertOneClearLine(int? exitCode, IReadOnlyList<string> output, string setting)
    {
        Assert.That(exitCode, Is.EqualTo(1), "stopped, with an exit code: " + string.Join("\n", output));
        Assert.That(output.Count(line => line.Contains("Cannot start", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", output));
        Assert.That(output.Single(line => line.Contains("Cannot start", StringComparison.Ordinal)), Does.Contain(setting));
        Assert.That(output, Has.None.Contains("   at ").And.None.Contains("\"Exception\""), "no stack trace");
    }

    [Test]
    public async Task An_unknown_provider_is_named_and_nothing_starts()
    {
        var (exitCode, output) = await StartAsync("MySql", null);
        AssertOneClearLine(exitCode, output, "Organising__Database__Provider");
        Assert.That(output.Single(line => line.Contains("Cannot start", StringComparison.Ordinal)), Does.Contain("MySql").And.Contain("Sqlite or Postgres"));
    }

    [Test]
    public async Task Postgres_without_a_connection_string_is_named()
    {
        var (exitCode, output) = await StartAsync("Postgres", "");
        AssertOneClearLine(exitCode, output, "Organising__Database__ConnectionString");
    }

    [Test]
    public async Task An_unreachable_PostgreSQL_server_is_named()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var (exitCode, output) = await StartAsync("Postgres", "Host=127.0.0.1;Port=1;Database=organising;Username=organising;Password=x");
        AssertOneClearLine(exitCode, output, "Organising__Database__ConnectionString");
        Assert.That(output.Single(line => line.Contains("Cannot start", StringComparison.Ordinal)), Does.Contain("127.0.0.1:1"));
    }
}
