using System.Diagnostics;

namespace Crd.Provider.Resources.K8s;

/// <summary>One operation's time budget (its <c>timeouts</c> value), shared by its successive waits.</summary>
internal readonly record struct OperationDeadline(long Started, TimeSpan Budget)
{
    public static OperationDeadline Start(TimeSpan budget) => new(Stopwatch.GetTimestamp(), budget);

    public TimeSpan Remaining => Budget - Stopwatch.GetElapsedTime(Started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
