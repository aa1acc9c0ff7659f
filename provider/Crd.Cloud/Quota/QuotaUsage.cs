namespace Crd.Cloud.Quota;

/// <summary>One quota: limit and usage (reservations included in usage).</summary>
/// <param name="Limit">The limit; -1 means unlimited.</param>
/// <param name="InUse">In use plus reserved.</param>
public readonly record struct QuotaUsage(long Limit, long InUse)
{
    /// <summary>No limit.</summary>
    public bool IsUnlimited => Limit < 0;

    /// <summary>What can still be consumed (<see cref="long.MaxValue"/> when unlimited, never negative).</summary>
    public long Available => IsUnlimited ? long.MaxValue : Math.Max(0, Limit - InUse);
}
