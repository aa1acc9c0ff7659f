using Crd.Cloud;
using Crd.Cloud.Quota;

namespace Crd.Provider.Quota;

/// <summary>Reads limits and usage from the site's Nova, Cinder and Neutron (<see cref="QuotaClient"/>).</summary>
internal sealed class CloudQuotaSource : IQuotaSource
{
    /// <inheritdoc/>
    public async Task<QuotaFigures> GetAsync(SiteSession session, string projectId, CancellationToken cancellationToken)
    {
        var quota = await new QuotaClient(session).GetAsync(projectId, cancellationToken).ConfigureAwait(false);
        var own = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
        var project = own == projectId ? $"{await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false)} ({projectId})" : projectId;
        return new QuotaFigures(Limits(quota), InUse(quota), project);
    }

    /// <summary>Limits as a vector; a dimension whose service the site lacks is unlimited (nothing there to exhaust).</summary>
    public static QuotaDemand Limits(ProjectQuota quota) => new(
        Limit(quota.Cores), Limit(quota.RamMb), Limit(quota.Instances), Limit(quota.FloatingIps), Limit(quota.Volumes), Limit(quota.Gigabytes)) { K8sClusters = Limit(quota.K8sClusters) };

    /// <summary>Usage as a vector (0 where the site lacks the service).</summary>
    public static QuotaDemand InUse(ProjectQuota quota) => new(
        quota.Cores?.InUse ?? 0, quota.RamMb?.InUse ?? 0, quota.Instances?.InUse ?? 0, quota.FloatingIps?.InUse ?? 0, quota.Volumes?.InUse ?? 0, quota.Gigabytes?.InUse ?? 0) { K8sClusters = quota.K8sClusters?.InUse ?? 0 };

    private static long Limit(QuotaUsage? usage) => usage?.Limit ?? -1;
}
