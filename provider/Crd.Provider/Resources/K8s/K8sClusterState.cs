using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.ContainerInfra;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.K8s;

/// <summary>
/// Writes what Magnum reports into <c>crd_k8s_cluster</c>'s state, keeping the practitioner's
/// spelling of templates and flavors (a name and its id are the same value), the labels as they
/// were configured (Magnum reports them merged with the template's), and, for autoscaled groups,
/// the configured size (the autoscaler's changes are not drift). A refresh costs three requests:
/// the cluster, its nodegroups and the CA certificate.
/// </summary>
internal static class K8sClusterState
{
    public static async Task WriteAsync(ResourceData state, MagnumCluster cluster, MagnumClient magnum, SiteSession session, ResourceData previous, CancellationToken cancellationToken)
    {
        var flavors = new FlavorClient(session);
        var hasPrevious = !previous.IsNull && previous.GetString("id") == cluster.Id && previous.GetString("template") is not null;
        state.SetString("id", cluster.Id);
        state.SetString("name", cluster.Name);
        state.SetString("template_id", cluster.TemplateId);
        var template = (await magnum.ListTemplatesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Id == cluster.TemplateId);
        var priorTemplate = previous.IsNull ? null : previous.GetString("template");
        state.SetString("template", priorTemplate is not null && (priorTemplate == cluster.TemplateId || priorTemplate == template?.Name) ? priorTemplate : template?.Name ?? cluster.TemplateId);
        state.SetInt64("master_count", cluster.MasterCount);
        state.SetString("master_flavor", await FlavorSpellingAsync(flavors, cluster.MasterFlavorId, previous.IsNull ? null : previous.GetString("master_flavor"), cancellationToken).ConfigureAwait(false));
        state.SetString("worker_flavor", await FlavorSpellingAsync(flavors, cluster.FlavorId, previous.IsNull ? null : previous.GetString("worker_flavor"), cancellationToken).ConfigureAwait(false));
        state.SetString("key_pair", cluster.Keypair);
        state.SetBool("floating_ip_enabled", cluster.FloatingIpEnabled);
        state.SetBool("master_lb_enabled", cluster.MasterLbEnabled);
        state.SetStringMap("labels", Labels(cluster, hasPrevious ? previous.GetStringMap("labels") : null, hasPrevious));
        state.SetString("status", cluster.Status);
        state.SetString("api_address", cluster.ApiAddress);
        state.SetString("kubernetes_version", cluster.CoeVersion);
        state.SetStrings("master_addresses", cluster.MasterAddresses);
        state.SetStrings("node_addresses", cluster.NodeAddresses);
        state.SetString("ca_certificate", cluster.ApiAddress is null ? null : await magnum.GetCaCertificateAsync(cluster.Id, cancellationToken).ConfigureAwait(false));

        var groups = await magnum.ListNodegroupsAsync(cluster.Id, cancellationToken).ConfigureAwait(false);
        var worker = groups.FirstOrDefault(g => g.IsDefault && !g.IsMaster) ?? groups.FirstOrDefault(g => g.Name == MagnumNodegroup.DefaultWorker);
        var priorAutoscaling = previous.IsNull ? null : previous.GetBlock("autoscaling");
        if (worker?.MaxNodeCount is { } workerMax)
        {
            var autoscaling = state.NewBlockElement("autoscaling");
            autoscaling.SetInt64("min_nodes", worker.MinNodeCount);
            autoscaling.SetInt64("max_nodes", workerMax);
            state.SetBlocks("autoscaling", [autoscaling]);
            state.SetInt64("node_count", OwnedCount(worker, hasPrevious ? NodeGroupConfig.Int(previous, "node_count") : null));
        }
        else
        {
            state.SetBlocks("autoscaling", []);
            state.SetInt64("node_count", worker?.NodeCount ?? cluster.NodeCount);
        }

        _ = priorAutoscaling;
        var priorGroups = hasPrevious ? NodeGroupConfig.Of(previous) : [];
        var extra = groups.Where(g => !g.IsDefault && !g.IsMaster && g.Name != MagnumNodegroup.DefaultWorker).ToList();
        var ordered = extra.OrderBy(g => priorGroups.Select(p => p.Name).ToList().IndexOf(g.Name) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Name, StringComparer.Ordinal);
        var blocks = new List<ResourceData>();
        foreach (var group in ordered)
        {
            var prior = priorGroups.FirstOrDefault(p => p.Name == group.Name);
            var block = state.NewBlockElement("node_group");
            block.SetString("name", group.Name);
            block.SetString("flavor", await FlavorSpellingAsync(flavors, group.FlavorId, prior?.Flavor, cancellationToken).ConfigureAwait(false));
            block.SetInt64("node_count", group.MaxNodeCount is null ? group.NodeCount : OwnedCount(group, prior?.NodeCount));
            block.SetInt64("max_nodes", group.MaxNodeCount);
            // An unset minimum stays unset while Magnum holds the default it implies.
            var defaultMin = group.MaxNodeCount is null ? 0 : 1;
            block.SetInt64("min_nodes", prior is not null && prior.MinNodes is null && group.MinNodeCount == defaultMin ? null
                : prior is null && group.MinNodeCount == 0 ? null : group.MinNodeCount);
            IReadOnlyDictionary<string, string>? labels;
            if (prior is not null)
            {
                labels = prior.Labels;
            }
            else
            {
                // Magnum reports a group's labels merged with the cluster's: keep only the group's own.
                var detail = await magnum.FindNodegroupAsync(cluster.Id, group.Name, cancellationToken).ConfigureAwait(false);
                var own = (detail?.Labels ?? group.Labels).Where(kv => !cluster.Labels.TryGetValue(kv.Key, out var v) || v != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                labels = own.Count == 0 ? null : own;
            }

            block.SetStringMap("labels", labels);
            blocks.Add(block);
        }

        state.SetBlocks("node_group", blocks);
    }

    /// <summary>An autoscaled group's size in state: the configured one while the autoscaler keeps it within bounds.</summary>
    private static long OwnedCount(MagnumNodegroup group, int? configured)
        => configured is { } c && c >= group.MinNodeCount && (group.MaxNodeCount is not { } max || c <= max) ? c : group.NodeCount;

    /// <summary>
    /// The labels the practitioner gave: for keys known from the previous state, Magnum's values
    /// (a drift shows); on import, the labels Magnum says were added or overridden at create.
    /// </summary>
    private static IReadOnlyDictionary<string, string>? Labels(MagnumCluster cluster, IReadOnlyDictionary<string, string>? previous, bool hasPrevious)
    {
        if (hasPrevious)
        {
            if (previous is null)
            {
                return null;
            }

            return previous.ToDictionary(kv => kv.Key, kv => cluster.Labels.TryGetValue(kv.Key, out var v) ? v : kv.Value, StringComparer.Ordinal);
        }

        var given = cluster.LabelsAdded.Keys.Concat(cluster.LabelsOverridden.Keys)
            .Where(k => !K8sClusterSchema.ManagedLabels.Contains(k) && cluster.Labels.ContainsKey(k))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => cluster.Labels[k], StringComparer.Ordinal);
        return given.Count == 0 ? null : given;
    }

    /// <summary>The previous spelling when it means the same flavor, else the flavor's name (its id when unknown).</summary>
    public static async Task<string?> FlavorSpellingAsync(FlavorClient flavors, string? flavorId, string? previous, CancellationToken cancellationToken)
    {
        if (flavorId is null)
        {
            return previous;
        }

        if (previous == flavorId)
        {
            return previous;
        }

        var all = await flavors.ListAsync(cancellationToken).ConfigureAwait(false);
        var flavor = all.FirstOrDefault(f => f.Id == flavorId || f.Name == flavorId);
        if (previous is not null && flavor is not null && previous == flavor.Name)
        {
            return previous;
        }

        return flavor?.Name ?? flavorId;
    }
}
