using System.Diagnostics;

namespace Crd.Cloud.Polling;

/// <summary>
/// Waits for an asynchronous state machine (BUILD -> ACTIVE, creating -> available): the first
/// poll at once, then an interval that grows with the time already waited (0.2 s plus a tenth
/// of the elapsed time, capped), jittered; bounded by the resource's timeout and by cancellation
/// (StopProvider). A short operation is noticed within ~10-20% of its duration (a 2 s build at ~2.2 s; measured by scripts/bench-apply), a long one costs
/// few requests.
/// </summary>
public static class Poller
{
    /// <summary>Default cap of one interval.</summary>
    public static TimeSpan DefaultMaxInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Polls <paramref name="step"/> until it is done; throws <see cref="CloudTimeoutException"/> after <paramref name="timeout"/>.</summary>
    /// <param name="what">What is awaited, for the timeout message (<c>server 1234 to become ACTIVE</c>).</param>
    /// <param name="timeout">Overall bound.</param>
    /// <param name="step">One observation; throw to fail (e.g. <see cref="CloudOperationException"/> on ERROR).</param>
    /// <param name="cancellationToken">StopProvider / call cancellation.</param>
    /// <param name="maxInterval">Cap of one interval (default 5 s).</param>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<PollStep<T>>> step, CancellationToken cancellationToken, TimeSpan? maxInterval = null)
    {
        var cap = maxInterval ?? DefaultMaxInterval;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observed = await step(cancellationToken).ConfigureAwait(false);
            if (observed.IsDone)
            {
                return observed.Value!;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var remaining = timeout - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new CloudTimeoutException(what, observed.Status, elapsed);
            }

            var interval = Interval(elapsed, cap);
            await Task.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static TimeSpan Interval(TimeSpan elapsed, TimeSpan cap)
    {
        var seconds = Math.Min(cap.TotalSeconds, 0.2 + (elapsed.TotalSeconds / 10));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
