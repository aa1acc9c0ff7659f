namespace Crd.Provider.Quota;

/// <summary>One dimension over its limit.</summary>
/// <param name="Kind">The dimension.</param>
/// <param name="Limit">The limit.</param>
/// <param name="InUse">Usage not covered by pending claims.</param>
/// <param name="Demand">The net demand of the pending claims.</param>
internal sealed record QuotaExcess(QuotaKind Kind, long Limit, long InUse, long Demand);
