namespace Crd.Provider.Quota;

/// <summary>How long the ledger waits before it calls a plan over quota (see docs/guides/quota-check.md).</summary>
internal sealed record QuotaLedgerOptions
{
    /// <summary>
    /// The longest a claim that appears over quota waits for the other changes of the run to be
    /// planned (a destroy planned after a create frees room for it).
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The wait ends early once no other claim is being checked and none arrived for this long:
    /// Terraform has nothing else in flight for this provider.
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// The longest a claim that appears over quota waits while a destroy of the same site and
    /// project, planned by the plan process, is being applied (see <see cref="QuotaLedger.Applying"/>).
    /// </summary>
    public TimeSpan ApplyWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Usage is re-read at most once per (site, project) per this interval.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The defaults.</summary>
    public static QuotaLedgerOptions Default { get; } = new();
}
