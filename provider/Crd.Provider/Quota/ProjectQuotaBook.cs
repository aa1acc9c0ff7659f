using Crd.Cloud;

namespace Crd.Provider.Quota;

/// <summary>
/// The ledger's page for one (site, project): what was read from the clouds and the claims not
/// yet settled. Every member is read and written under the ledger's lock.
/// </summary>
internal sealed class ProjectQuotaBook(SiteSession session, string projectId)
{
    /// <summary>The session used to read the figures.</summary>
    public SiteSession Session { get; } = session;

    /// <summary>The project id.</summary>
    public string ProjectId { get; } = projectId;

    /// <summary>The first read, shared by every claim on this page.</summary>
    public Task? FirstRead { get; set; }

    /// <summary>The re-read in flight, if any.</summary>
    public Task? Refresh { get; set; }

    /// <summary>When the last read started.</summary>
    public DateTimeOffset ReadAt { get; set; }

    /// <summary>Limits from the last read (null before the first read completes).</summary>
    public QuotaDemand? Limits { get; set; }

    /// <summary>
    /// An upper bound of usage not covered by pending claims: the first read, plus the delta of
    /// every claim settled since, lowered by any re-read that shows less (a destroy finished).
    /// A re-read can also count changes applied but not yet settled, hence the minimum.
    /// </summary>
    public QuotaDemand? Baseline { get; set; }

    /// <summary>How diagnostics name the project.</summary>
    public string Project { get; set; } = projectId;

    /// <summary>True once a change of another process (a destroy planned there) was settled: re-read before failing.</summary>
    public bool Stale { get; set; }

    /// <summary>True once the "Quota Not Checked" warning was given.</summary>
    public bool Warned { get; set; }

    /// <summary>Tickets of pending claims whose apply has started.</summary>
    public HashSet<string> Applying { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Limits planned by <c>crd_quota</c> in this process, by <see cref="QuotaKind.Name"/>: they
    /// replace the limits read for the check (a raise and the VMs that need it plan together).
    /// </summary>
    public Dictionary<string, long> PlannedLimits { get; } = new(StringComparer.Ordinal);

    /// <summary>Tickets of planned limit changes whose apply has not finished.</summary>
    public HashSet<string> LimitChanges { get; } = new(StringComparer.Ordinal);

    /// <summary>Claims not yet settled, by ticket.</summary>
    public Dictionary<string, PendingClaim> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The kinds where the claim adds demand and does not fit; empty when it fits. A claim is
    /// judged with the additions claimed before it and every release (a release planned later
    /// still frees room), so that of several claims the first ones that fit pass and only those
    /// beyond the headroom fail. The reported demand is what the whole run needs.
    /// </summary>
    public IReadOnlyList<QuotaExcess> Excess(PendingClaim claim) => Excess(claim, plannedLimits: true);

    /// <summary>What the run needs of <paramref name="kind"/>: usage plus every pending claim.</summary>
    public long Needed(QuotaKind kind) => Baseline is { } baseline ? kind.Of(baseline) + Pending.Values.Sum(p => kind.Of(p.Delta)) : 0;

    /// <summary>As <see cref="Excess(PendingClaim)"/>, with the limits read (false) or those planned by crd_quota (true).</summary>
    public IReadOnlyList<QuotaExcess> Excess(PendingClaim claim, bool plannedLimits)
    {
        if (Limits is not { } limits || Baseline is not { } baseline)
        {
            return [];
        }

        var result = new List<QuotaExcess>();
        foreach (var kind in QuotaKind.All)
        {
            var limit = plannedLimits && PlannedLimits.TryGetValue(kind.Name, out var planned) ? planned : kind.Of(limits);
            if (kind.Of(claim.Delta) <= 0 || limit < 0)
            {
                continue;
            }

            var judged = Pending.Values.Sum(p => Math.Min(0, kind.Of(p.Delta)) + (p.Sequence <= claim.Sequence ? Math.Max(0, kind.Of(p.Delta)) : 0));
            var demand = Pending.Values.Sum(p => kind.Of(p.Delta));
            var inUse = kind.Of(baseline);
            if (inUse + judged > limit)
            {
                result.Add(new QuotaExcess(kind, limit, inUse, demand));
            }
        }

        return result;
    }
}
