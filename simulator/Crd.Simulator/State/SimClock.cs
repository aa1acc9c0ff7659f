namespace Crd.Simulator.State;

/// <summary>
/// The simulated clock: wall time plus an offset that <c>POST /_sim/clock/advance</c> moves forward.
/// In instant mode every asynchronous delay is zero, so the next request sees the final state.
/// </summary>
public sealed class SimClock(TimeProvider time)
{
    private long _offsetTicks;

    /// <summary>Current simulated time.</summary>
    public DateTimeOffset Now => time.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far the clock has been advanced.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>When true, <see cref="After"/> returns <see cref="Now"/>: delays are skipped.</summary>
    public bool Instant { get; set; }

    /// <summary>Moves the clock forward (never backward).</summary>
    public void Advance(TimeSpan by)
    {
        if (by > TimeSpan.Zero)
        {
            Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }

    /// <summary>Restores a persisted offset (on start-up).</summary>
    public void Restore(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);

    /// <summary>The moment an operation taking <paramref name="seconds"/> completes.</summary>
    public DateTimeOffset After(double seconds) => Instant || seconds <= 0 ? Now : Now.AddSeconds(seconds);
}
