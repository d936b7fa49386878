using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Organising.Platform.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, and Hangfire.AspNetCore would tie it to the logger factory of
/// whichever app configured it last, which a test may already have disposed. While this singleton lives, Hangfire's
/// messages go to its app's logging; with several apps in one process (tests), to the newest one still running.
/// </summary>
internal sealed class HangfireLogging : IDisposable
{
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Running = [];

    private readonly ILoggerFactory _loggerFactory;

    public HangfireLogging(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        lock (Gate) Running.Add(loggerFactory);
        LogProvider.SetCurrentLogProvider(Forwarder.Instance);
    }

    public void Dispose()
    {
        lock (Gate) Running.Remove(_loggerFactory);
    }

    private sealed class Forwarder : ILogProvider
    {
        public static readonly Forwarder Instance = new();

        public ILog GetLogger(string name) => new ForwardingLog(name);
    }

    private sealed class ForwardingLog(string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILoggerFactory? current;
            lock (Gate) current = Running.LastOrDefault();
            if (current is null) return false;
            try
            {
                return new AspNetCoreLogProvider(current).GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false; // that app stopped between the lookup and the write
            }
        }
    }
}
