using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Organising.Testing;

/// <summary>
/// The real app as its own process, as an operator runs it: <c>dotnet Organising.Host.dll</c> (the Release build in
/// the test's output folder, which the reference to the Host puts there) on a loopback port of its own, with a data
/// folder of its own and the settings given as environment variables. Everything it writes to the console is kept.
/// Dispose kills it and removes its data folder; so does the end of the test run.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly EventHandler _killOnExit;

    private HostProcess(Process process, Uri url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
        // Should the test run itself be stopped, leave no app behind.
        _killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    public Uri Url { get; }
    public string DataDirectory { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>What the instance calls itself in platform_job_run when not told otherwise: machine name and process id.</summary>
    public string InstanceName => $"{Environment.MachineName}:{_process.Id}";

    /// <summary>The console lines so far: one JSON object each.</summary>
    public IReadOnlyList<string> Output => _output.ToList();

    /// <summary>An instance on the given PostgreSQL database, logging at Information.</summary>
    public static HostProcess StartOnPostgres(string postgresConnectionString) => Start(new Dictionary<string, string?>
    {
        ["Organising__Database__Provider"] = "Postgres",
        ["Organising__Database__ConnectionString"] = postgresConnectionString,
        ["Logging__LogLevel__Default"] = "Information",
    });

    /// <param name="environment">Settings as environment variables (Organising__DataDirectory is given a fresh folder unless set here).</param>
    public static HostProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Organising.Host.dll");
        if (!File.Exists(host)) throw new FileNotFoundException("The app is not in the test's output folder: build the solution first.", host);
        var dataDirectory = TestApp.NewDataDirectory();
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Organising__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var instance = new HostProcess(process, url, dataDirectory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) instance._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) instance._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Waits for /healthz to answer 200 (database reachable, migrations applied).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app at {Url} exited with code {_process.ExitCode}:\n{string.Join('\n', Output)}");
            }
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app at {Url} was not healthy within {timeout.TotalSeconds} s:\n{string.Join('\n', Output)}");
            await Task.Delay(100);
        }
    }

    /// <summary>The exit code, or null if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { return null; }
        _process.WaitForExit(); // lets the output readers finish
        return _process.ExitCode;
    }

    /// <summary>A browser on this instance that keeps its cookies in <paramref name="cookies"/>. Cookies do not
    /// tell ports apart, so browsers on two instances sharing one container carry the same sign-in.</summary>
    public Browser NewBrowser(CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = Url });

    /// <summary>SIGKILL, as <c>kill -9</c>: the app gets no chance to finish or record anything. Waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // never started
    }

    /// <summary>SIGTERM, as a service manager stops it: the app shuts down in order. True when it exited in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        if (await WaitForExitAsync(timeout) is not null) return true;
        Kill();
        return false;
    }

    public void Dispose()
    {
        Kill();
        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
