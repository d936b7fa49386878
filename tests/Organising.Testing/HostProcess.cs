using System.Collections.Concurrent;
using System.Diagnostics;

namespace Organising.Testing;

/// <summary>
/// The real app as its own process (<c>dotnet Organising.Host.dll</c>, built beside the tests), with the settings given
/// as environment variables and everything it writes kept in <see cref="Output"/>. Dispose kills it if it still runs.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process) => _process = process;

    public static HostProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Organising.Host.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Every line written to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    /// <summary>The exit code, or null if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { return null; }
        _process.WaitForExit(); // lets the output readers finish
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
