namespace Crd.Cloud.Polling;

/// <summary>One observation while waiting: done with a value, or still pending with a status to report.</summary>
/// <typeparam name="T">What the wait produces.</typeparam>
public readonly record struct PollStep<T>(bool IsDone, T? Value, string Status)
{
    /// <summary>The wait is over.</summary>
    public static PollStep<T> Done(T value) => new(true, value, "done");

    /// <summary>Not yet; <paramref name="status"/> is quoted if the wait times out.</summary>
    public static PollStep<T> Pending(string status) => new(false, default, status);
}
