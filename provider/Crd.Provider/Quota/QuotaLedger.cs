using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Provider.Quota;

/// <summary>
/// Plan-time quota check (DESIGN.md §6): sums the deltas planned per (site, project) during one
/// provider process and refuses a plan that exceeds the quota headroom.
/// </summary>
internal sealed class QuotaLedger
{
    /// <summary>Records a planned delta; adds an error when the plan exceeds the headroom. Returns a ticket for <see cref="Settle"/>.</summary>
    public Task<string?> ClaimAsync(QuotaClaim claim, DiagnosticCollection diagnostics, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>The change behind <paramref name="ticket"/> was applied: its demand is now part of the site's usage.</summary>
    public void Settle(string? ticket)
    {
    }
}
