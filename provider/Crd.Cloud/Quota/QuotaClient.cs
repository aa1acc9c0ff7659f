using System.Text.Json.Nodes;

namespace Crd.Cloud.Quota;

/// <summary>
/// Reads limits and usage: Nova <c>os-quota-sets/{p}/detail</c>, Cinder
/// <c>os-quota-sets/{p}?usage=true</c>, Neutron <c>quotas/{p}/details.json</c> — three calls,
/// fetched concurrently, each only when the site offers the service.
/// </summary>
public sealed class QuotaClient(SiteSession session)
{
    /// <summary>The quotas of <paramref name="projectId"/>.</summary>
    public async Task<ProjectQuota> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var id = Uri.EscapeDataString(projectId);
        var compute = ReadAsync(CloudService.Compute, $"/os-quota-sets/{id}/detail", "quota_set", cancellationToken);
        var volume = ReadAsync(CloudService.Volume, $"/os-quota-sets/{id}?usage=true", "quota_set", cancellationToken);
        var network = ReadAsync(CloudService.Network, $"/quotas/{id}/details.json", "quota", cancellationToken);
        var clusters = ReadClustersAsync(id, cancellationToken);
        await Task.WhenAll(compute, volume, network, clusters).ConfigureAwait(false);
        var c = await compute.ConfigureAwait(false);
        var v = await volume.ConfigureAwait(false);
        var n = await network.ConfigureAwait(false);
        return new ProjectQuota(
            session.Site,
            projectId,
            Usage(c, "cores"),
            Usage(c, "ram"),
            Usage(c, "instances"),
            Usage(n, "floatingip"),
            Usage(v, "volumes"),
            Usage(v, "gigabytes"))
        {
            K8sClusters = await clusters.ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Magnum's cluster quota (<c>GET /v1/quotas/{project}/Cluster</c>, <c>hard_limit</c>) and the
    /// project's clusters (<c>GET /v1/clusters</c>); null when the site has no Magnum, unlimited
    /// when the quota cannot be read (some deployments restrict <c>quota:get</c> to admins).
    /// </summary>
    private async Task<QuotaUsage?> ReadClustersAsync(string projectId, CancellationToken cancellationToken)
    {
        if (!await session.OffersAsync(CloudService.ContainerInfra, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var list = session.SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/clusters", ContainerInfra.MagnumClient.Microversion), cancellationToken);
        long limit;
        try
        {
            var quota = await session.SendAsync(CloudRequest.Get(CloudService.ContainerInfra, $"/quotas/{projectId}/Cluster", ContainerInfra.MagnumClient.Microversion), cancellationToken).ConfigureAwait(false);
            limit = Long(quota.Body?["hard_limit"]) ?? -1;
        }
        catch (CloudApiException e) when (e.StatusCode is 403 or 404)
        {
            limit = -1;
        }

        var inUse = (await list.ConfigureAwait(false)).Array("clusters").Count;
        return new QuotaUsage(limit, inUse);
    }

    private async Task<JsonObject?> ReadAsync(CloudService service, string path, string member, CancellationToken cancellationToken)
    {
        if (!await session.OffersAsync(service, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var response = await session.SendAsync(CloudRequest.Get(service, path), cancellationToken).ConfigureAwait(false);
        return response.Object(member);
    }

    private static QuotaUsage? Usage(JsonObject? set, string name)
    {
        switch (set?[name])
        {
            case JsonObject detail:
                var inUse = Long(detail["in_use"]) ?? Long(detail["used"]) ?? 0;
                return new QuotaUsage(Long(detail["limit"]) ?? -1, inUse + (Long(detail["reserved"]) ?? 0));
            case JsonValue limit:
                return new QuotaUsage(limit.GetValue<long>(), 0);
            default:
                return null;
        }
    }

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
}
