namespace Organising.Testing;

/// <summary>
/// The app's TimeProvider in tests: real time plus an offset a test can move forward
/// (invitation expiry, "now" in lists). Identity's own lockout clock is not this one (.NET 10 reads the system clock).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>From now on the clock reads <paramref name="at"/> plus the real time that passes.</summary>
    public void SetNow(DateTimeOffset at) => Interlocked.Exchange(ref _offsetTicks, (at - base.GetUtcNow()).Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
