namespace Crd.Cloud.Quota;

/// <summary>
/// The quotas of a project on a site that plans consume: Nova cores/RAM/instances, Cinder
/// volumes/gigabytes, Neutron floating IPs. Null when the site does not offer that service.
/// </summary>
public sealed record ProjectQuota(
    string Site,
    string ProjectId,
    QuotaUsage? Cores,
    QuotaUsage? RamMb,
    QuotaUsage? Instances,
    QuotaUsage? FloatingIps,
    QuotaUsage? Volumes,
    QuotaUsage? Gigabytes)
{
    /// <summary>Magnum clusters (limit from <c>GET /v1/quotas/{project}/Cluster</c>, usage = the project's clusters); null without Magnum.</summary>
    public QuotaUsage? K8sClusters { get; init; }
}
