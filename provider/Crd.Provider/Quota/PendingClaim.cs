namespace Crd.Provider.Quota;

/// <summary>A claim the ledger counts until it is settled.</summary>
/// <param name="Delta">The change in demand.</param>
/// <param name="ResourceType">The resource type that claimed it (crd_vm...).</param>
/// <param name="Sequence">Order of arrival in this process.</param>
internal sealed record PendingClaim(QuotaDemand Delta, string ResourceType, long Sequence);
