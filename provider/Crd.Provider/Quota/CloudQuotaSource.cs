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
        return new QuotaFigures(
            new QuotaDemand(quota.Cores.Limit, quota.RamMb.Limit, quota.Instances.Limit, quota.FloatingIps.Limit, quota.Volumes.Limit, quota.Gigabytes.Limit),
            new QuotaDemand(quota.Cores.InUse, quota.RamMb.InUse, quota.Instances.InUse, quota.FloatingIps.InUse, quota.Volumes.InUse, quota.Gigabytes.InUse),
            project);
    }
}
