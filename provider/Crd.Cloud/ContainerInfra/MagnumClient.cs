using System.Text.Json.Nodes;
using Crd.Cloud.Polling;

namespace Crd.Cloud.ContainerInfra;

/// <summary>
/// Magnum (container-infra v1) for one site: cluster templates, clusters, their nodegroups, the
/// resize and upgrade actions and the certificates API, with the waits of each asynchronous
/// operation. Every call sends <c>OpenStack-API-Version: container-infra 1.10</c>.
/// </summary>
public sealed class MagnumClient(SiteSession session)
{
    /// <summary>
    /// Pinned microversion: 1.8 for upgrades, 1.9 for nodegroups, 1.10 for a default worker group
    /// of zero nodes (apis.md §2.5; the constants of terraform-provider-openstack's
    /// containerinfra_shared_v1.go).
    /// </summary>
    public const string Microversion = "1.10";

    private static readonly TimeSpan TemplateCacheLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The site this client talks to.</summary>
    public string Site => session.Site;

    // ---- templates ----

    /// <summary><c>GET /clustertemplates/detail</c>: every template the project sees (cached briefly per session).</summary>
    public Task<IReadOnlyList<MagnumTemplate>> ListTemplatesAsync(CancellationToken cancellationToken)
        => session.Cache.GetOrCreateAsync<IReadOnlyList<MagnumTemplate>>("container-infra.templates", TemplateCacheLifetime, async ct =>
        {
            var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/clustertemplates/detail", Microversion), ct).ConfigureAwait(false);
            return response.Array("clustertemplates").OfType<JsonObject>().Select(MagnumTemplate.FromJson).ToList();
        }, cancellationToken);

    /// <summary>The template with this uuid, or else this name; <see cref="CloudLookupException"/> listing the names otherwise.</summary>
    public async Task<MagnumTemplate> ResolveTemplateAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var templates = await ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        if (templates.FirstOrDefault(t => t.Id == nameOrId) is { } byId)
        {
            return byId;
        }

        var byName = templates.Where(t => t.Name == nameOrId).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new CloudLookupException(session.Site, "cluster template", nameOrId, templates.Select(t => t.Name)),
            _ => throw new CloudLookupException(session.Site, "cluster template", nameOrId, byName.Select(t => t.Id), ambiguous: true),
        };
    }

    // ---- clusters ----

    /// <summary><c>POST /clusters</c> (202): starts creating a cluster; returns its uuid.</summary>
    public async Task<string> CreateClusterAsync(ClusterCreateSpec spec, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = spec.Name,
            ["cluster_template_id"] = spec.TemplateId,
            ["master_count"] = spec.MasterCount,
            ["node_count"] = spec.NodeCount,
            ["create_timeout"] = spec.CreateTimeoutMinutes,
            ["merge_labels"] = true,
            ["labels"] = MagnumJson.ToJson(spec.Labels),
        };
        Put(body, "flavor_id", spec.FlavorId);
        Put(body, "master_flavor_id", spec.MasterFlavorId);
        Put(body, "keypair", spec.Keypair);
        if (spec.FloatingIpEnabled is { } floating)
        {
            body["floating_ip_enabled"] = floating;
        }

        if (spec.MasterLbEnabled is { } lb)
        {
            body["master_lb_enabled"] = lb;
        }

        var response = await SendAsync(CloudRequest.Post(CloudService.ContainerInfra, "/clusters", body, Microversion), cancellationToken).ConfigureAwait(false);
        return MagnumJson.Str(response.Body?["uuid"]) ?? throw new CloudProtocolException("Magnum accepted the cluster but returned no uuid");
    }

    /// <summary><c>GET /clusters/{id}</c>, or null when the cluster does not exist (404).</summary>
    public async Task<MagnumCluster?> FindClusterAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/clusters/" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
            return MagnumCluster.FromJson(response.Body as JsonObject ?? throw new CloudProtocolException("Magnum returned no cluster body"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /clusters/{id}</c>; a 404 is a <see cref="CloudApiException"/>.</summary>
    public async Task<MagnumCluster> GetClusterAsync(string id, CancellationToken cancellationToken)
        => await FindClusterAsync(id, cancellationToken).ConfigureAwait(false)
           ?? throw new CloudOperationException($"cluster {id} does not exist on {Site}");

    /// <summary><c>GET /clusters/detail</c>: the project's clusters.</summary>
    public async Task<IReadOnlyList<MagnumCluster>> ListClustersAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/clusters/detail", Microversion), cancellationToken).ConfigureAwait(false);
        return response.Array("clusters").OfType<JsonObject>().Select(MagnumCluster.FromJson).ToList();
    }

    /// <summary><c>POST /clusters/{id}/actions/resize</c> (1.7+): sets the node count of <paramref name="nodegroup"/> (default worker when null).</summary>
    public Task ResizeAsync(string id, int nodeCount, string? nodegroup, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["node_count"] = nodeCount };
        Put(body, "nodegroup", nodegroup);
        return SendAsync(CloudRequest.Post(CloudService.ContainerInfra, $"/clusters/{Uri.EscapeDataString(id)}/actions/resize", body, Microversion), cancellationToken);
    }

    /// <summary><c>POST /clusters/{id}/actions/upgrade</c> (1.8+): moves the cluster and its nodegroups to another template.</summary>
    public Task UpgradeAsync(string id, string templateId, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Post(CloudService.ContainerInfra, $"/clusters/{Uri.EscapeDataString(id)}/actions/upgrade", new JsonObject { ["cluster_template"] = templateId }, Microversion), cancellationToken);

    /// <summary><c>DELETE /clusters/{id}</c>; false when the cluster was already gone.</summary>
    public async Task<bool> DeleteClusterAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(CloudRequest.Delete(CloudService.ContainerInfra, "/clusters/" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls the cluster until its status is <paramref name="target"/>. A failure status ends the
    /// wait with Magnum's <c>status_reason</c>; so does the cluster disappearing. Bounded by
    /// <paramref name="timeout"/>: a Cluster API cluster can stay in progress forever.
    /// </summary>
    public Task<MagnumCluster> WaitForStatusAsync(string id, string target, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync($"cluster {id} on {Site} to reach {target}", timeout, async ct =>
        {
            var cluster = await FindClusterAsync(id, ct).ConfigureAwait(false)
                ?? throw new CloudOperationException($"cluster {id} on {Site} disappeared while waiting for {target}");
            if (cluster.Status == target)
            {
                return PollStep<MagnumCluster>.Done(cluster);
            }

            if (cluster.IsFailed)
            {
                throw new MagnumOperationException(cluster.Status, cluster.StatusReason, $"cluster {cluster.Name} ({id}) on {Site} went to {cluster.Status} while waiting for {target}");
            }

            return PollStep<MagnumCluster>.Pending(cluster.Status);
        }, cancellationToken, TimeSpan.FromSeconds(10));

    /// <summary>Polls until the cluster is gone (404); <c>DELETE_FAILED</c> ends the wait with Magnum's reason.</summary>
    public Task WaitDeletedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync($"cluster {id} on {Site} to be deleted", timeout, async ct =>
        {
            var cluster = await FindClusterAsync(id, ct).ConfigureAwait(false);
            if (cluster is null)
            {
                return PollStep<bool>.Done(true);
            }

            if (cluster.Status == "DELETE_FAILED")
            {
                throw new MagnumOperationException(cluster.Status, cluster.StatusReason, $"Magnum could not delete cluster {cluster.Name} ({id}) on {Site}");
            }

            return PollStep<bool>.Pending(cluster.Status);
        }, cancellationToken, TimeSpan.FromSeconds(10));

    // ---- nodegroups (1.9+) ----

    /// <summary><c>GET /clusters/{id}/nodegroups</c>, then each group's detail only when labels are wanted.</summary>
    public async Task<IReadOnlyList<MagnumNodegroup>> ListNodegroupsAsync(string clusterId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, $"/clusters/{Uri.EscapeDataString(clusterId)}/nodegroups", Microversion), cancellationToken).ConfigureAwait(false);
        return response.Array("nodegroups").OfType<JsonObject>().Select(MagnumNodegroup.FromJson).ToList();
    }

    /// <summary><c>GET /clusters/{id}/nodegroups/{name or id}</c> (detail, with labels), or null when absent.</summary>
    public async Task<MagnumNodegroup?> FindNodegroupAsync(string clusterId, string nodegroup, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, NodegroupPath(clusterId, nodegroup), Microversion), cancellationToken).ConfigureAwait(false);
            return MagnumNodegroup.FromJson(response.Body as JsonObject ?? throw new CloudProtocolException("Magnum returned no nodegroup body"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>POST /clusters/{id}/nodegroups</c> (202): starts creating a worker group.</summary>
    public async Task CreateNodegroupAsync(string clusterId, NodegroupSpec spec, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = spec.Name,
            ["role"] = "worker",
            ["node_count"] = spec.NodeCount,
            ["merge_labels"] = true,
            ["labels"] = MagnumJson.ToJson(spec.Labels),
        };
        Put(body, "flavor_id", spec.FlavorId);
        if (spec.MinNodeCount is { } min)
        {
            body["min_node_count"] = min;
        }

        if (spec.MaxNodeCount is { } max)
        {
            body["max_node_count"] = max;
        }

        await SendAsync(CloudRequest.Post(CloudService.ContainerInfra, $"/clusters/{Uri.EscapeDataString(clusterId)}/nodegroups", body, Microversion), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// JSON-Patch <c>PATCH /clusters/{id}/nodegroups/{ng}</c> of the autoscaling bounds; a null
    /// bound is removed (minimum back to Magnum's default, no maximum).
    /// </summary>
    public Task SetNodegroupBoundsAsync(string clusterId, string nodegroup, int? min, int? max, CancellationToken cancellationToken)
    {
        JsonNode minOp = min is { } lo ? new JsonObject { ["op"] = "replace", ["path"] = "/min_node_count", ["value"] = lo } : new JsonObject { ["op"] = "remove", ["path"] = "/min_node_count" };
        JsonNode maxOp = max is { } hi ? new JsonObject { ["op"] = "replace", ["path"] = "/max_node_count", ["value"] = hi } : new JsonObject { ["op"] = "remove", ["path"] = "/max_node_count" };
        var patch = new JsonArray(minOp, maxOp);
        return SendAsync(new CloudRequest(CloudService.ContainerInfra, HttpMethod.Patch, NodegroupPath(clusterId, nodegroup)) { Body = patch, Microversion = Microversion }, cancellationToken);
    }

    /// <summary><c>DELETE /clusters/{id}/nodegroups/{ng}</c>; false when it was already gone.</summary>
    public async Task<bool> DeleteNodegroupAsync(string clusterId, string nodegroup, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(CloudRequest.Delete(CloudService.ContainerInfra, NodegroupPath(clusterId, nodegroup), Microversion), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls a nodegroup until <paramref name="done"/> holds (null = the group is gone), failing on
    /// a failure status with its reason.
    /// </summary>
    public Task WaitNodegroupAsync(string clusterId, string nodegroup, string what, Func<MagnumNodegroup?, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync($"node group {nodegroup} of cluster {clusterId} on {Site} to {what}", timeout, async ct =>
        {
            var group = await FindNodegroupAsync(clusterId, nodegroup, ct).ConfigureAwait(false);
            if (done(group))
            {
                return PollStep<bool>.Done(true);
            }

            if (group is not null && MagnumStatus.IsFailed(group.Status))
            {
                throw new MagnumOperationException(group.Status, group.StatusReason, $"node group {nodegroup} of cluster {clusterId} on {Site} went to {group.Status} while waiting to {what}");
            }

            return PollStep<bool>.Pending(group?.Status ?? "absent");
        }, cancellationToken, TimeSpan.FromSeconds(10));

    // ---- certificates ----

    /// <summary><c>GET /certificates/{cluster}</c>: the cluster CA certificate (PEM).</summary>
    public async Task<string> GetCaCertificateAsync(string clusterId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/certificates/" + Uri.EscapeDataString(clusterId), Microversion), cancellationToken).ConfigureAwait(false);
        return Pem(MagnumJson.Str(response.Body?["pem"]) ?? throw new CloudProtocolException("Magnum returned no CA certificate (pem)"));
    }

    /// <summary><c>POST /certificates</c> <c>{cluster_uuid, csr}</c> (201): the cluster CA signs the CSR; returns the certificate (PEM).</summary>
    public async Task<string> SignCertificateAsync(string clusterId, string csrPem, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["cluster_uuid"] = clusterId, ["csr"] = csrPem };
        var response = await SendAsync(CloudRequest.Post(CloudService.ContainerInfra, "/certificates", body, Microversion), cancellationToken).ConfigureAwait(false);
        return Pem(MagnumJson.Str(response.Body?["pem"]) ?? throw new CloudProtocolException("Magnum signed the CSR but returned no certificate (pem)"));
    }

    private Task<CloudResponse> SendAsync(CloudRequest request, CancellationToken cancellationToken) => session.SendAsync(request, cancellationToken);

    /// <summary>PEM text ending with a newline, as tools that concatenate PEM files expect.</summary>
    private static string Pem(string pem) => pem.EndsWith('\n') ? pem : pem + "\n";

    private static string NodegroupPath(string clusterId, string nodegroup) => $"/clusters/{Uri.EscapeDataString(clusterId)}/nodegroups/{Uri.EscapeDataString(nodegroup)}";

    private static void Put(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
