using Crd.Cloud;

namespace Crd.Provider.Quota;

/// <summary>
/// Where the ledger reads limits and usage. The seam between the ledger's bookkeeping and the
/// clouds: production reads Nova, Cinder and Neutron (<see cref="CloudQuotaSource"/>), unit
/// tests count calls on a fake.
/// </summary>
internal interface IQuotaSource
{
    /// <summary>Reads the limits and current usage of <paramref name="projectId"/> on the session's site.</summary>
    Task<QuotaFigures> GetAsync(SiteSession session, string projectId, CancellationToken cancellationToken);
}
