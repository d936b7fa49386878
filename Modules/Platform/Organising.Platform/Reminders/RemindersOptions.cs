namespace Organising.Platform.Reminders;

/// <summary>The "Organising:Reminders" section. The defaults suit a real mail server; tests shorten the waits.</summary>
public sealed class RemindersOptions
{
    /// <summary>Rows one dispatcher claims at a time: small enough to finish well inside <see cref="ClaimLease"/>.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Mail connections one dispatcher sends over at once; each waits on the mail server and the database in turn.</summary>
    public int Connections { get; set; } = 2;

    /// <summary>
    /// A claimed row not marked sent within this long is taken to belong to an instance that died, and is sent again.
    /// A dispatcher stops taking new rows from its batch at half of it, so a live one never overruns it.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed attempt; it doubles with each attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a reminder is marked failed and shown to Organisers (about four hours at the defaults).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after attempt <paramref name="attempts"/> (1 after the first) failed.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, doublings);
        return TimeSpan.FromMilliseconds(Math.Min(delay, RetryMaxDelay.TotalMilliseconds));
    }
}
