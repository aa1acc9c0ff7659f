namespace Crd.Cloud.Portal;

/// <summary>A marketplace order ended without success (erred, rejected, canceled) or is still pending after the timeout.</summary>
public sealed class WaldurOrderException(WaldurOrder order, string message) : CloudException(message)
{
    /// <summary>The order as last seen.</summary>
    public WaldurOrder Order { get; } = order;

    /// <summary>True when the order still waits for an approval (it may yet run).</summary>
    public bool IsPending => Order.State.StartsWith("pending", StringComparison.Ordinal);
}
