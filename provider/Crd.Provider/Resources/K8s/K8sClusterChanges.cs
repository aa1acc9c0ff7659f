using Crd.Cloud.Compute;
using Crd.Cloud.ContainerInfra;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.K8s;

/// <summary>
/// Brings a cluster's groups to the plan: the default worker group's size and autoscaling
/// bounds, then the extra node groups (removed first, which frees quota; then replaced, scaled,
/// created), one at a time.
/// </summary>
internal sealed class K8sClusterChanges(ClusterOperations operations, FlavorClient flavors)
{
    public ClusterOperations Operations { get; } = operations;

    public async Task ApplyDefaultGroupAsync(string clusterId, ResourceData plan, ResourceData? prior, OperationDeadline deadline, CancellationToken cancellationToken)
    {
        var groups = await Operations.Magnum.ListNodegroupsAsync(clusterId, cancellationToken).ConfigureAwait(false);
        if ((groups.FirstOrDefault(g => g.IsDefault && !g.IsMaster) ?? groups.FirstOrDefault(g => g.Name == MagnumNodegroup.DefaultWorker)) is not { } worker)
        {
            return;
        }

        var autoscaling = plan.GetBlock("autoscaling");
        var min = autoscaling is null ? (int?)null : NodeGroupConfig.Int(autoscaling, "min_nodes");
        var max = autoscaling is null ? (int?)null : NodeGroupConfig.Int(autoscaling, "max_nodes");
        var count = NodeGroupConfig.Int(plan, "node_count") ?? worker.NodeCount;
        if (max is not null && prior is not null && count == NodeGroupConfig.Int(prior, "node_count") && count != worker.NodeCount && worker.NodeCount >= (min ?? 0) && worker.NodeCount <= max)
        {
            count = worker.NodeCount; // the autoscaler moved it within bounds: not ours to undo
        }

        if (count != worker.NodeCount || max != worker.MaxNodeCount || (min is { } lo && lo != worker.MinNodeCount) || (max is null && worker.MaxNodeCount is not null))
        {
            await Operations.ScaleAsync(clusterId, worker, count, min ?? (max is null && worker.MaxNodeCount is not null ? 0 : null), max, deadline.Remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ApplyNodeGroupsAsync(string clusterId, ResourceData plan, ResourceData? prior, OperationDeadline deadline, CancellationToken cancellationToken)
    {
        var wanted = NodeGroupConfig.Of(plan);
        var actual = (await Operations.Magnum.ListNodegroupsAsync(clusterId, cancellationToken).ConfigureAwait(false))
            .Where(g => !g.IsDefault && !g.IsMaster && g.Name != MagnumNodegroup.DefaultWorker).ToList();

        foreach (var group in actual.Where(g => wanted.All(w => w.Name != g.Name)))
        {
            await Operations.DeleteNodegroupAsync(clusterId, group.Name, deadline.Remaining, cancellationToken).ConfigureAwait(false);
        }

        foreach (var want in wanted)
        {
            var flavor = await flavors.ResolveAsync(want.Flavor!, cancellationToken).ConfigureAwait(false);
            var existing = actual.FirstOrDefault(g => g.Name == want.Name);
            if (existing is not null)
            {
                var detail = await Operations.Magnum.FindNodegroupAsync(clusterId, existing.Name, cancellationToken).ConfigureAwait(false) ?? existing;
                var labelsChanged = want.Labels is { Count: > 0 } labels && labels.Any(kv => !detail.Labels.TryGetValue(kv.Key, out var v) || v != kv.Value);
                if (existing.FlavorId != flavor.Id || labelsChanged)
                {
                    // Magnum cannot change a group's flavor or labels: that group (only) is replaced.
                    await Operations.DeleteNodegroupAsync(clusterId, existing.Name, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                    existing = null;
                }
                else
                {
                    var count = want.NodeCount ?? existing.NodeCount;
                    var ownedByAutoscaler = want.Autoscaled && existing.MaxNodeCount is not null && existing.NodeCount >= (want.EffectiveMin ?? 0) && existing.NodeCount <= want.MaxNodes;
                    if (ownedByAutoscaler && count != existing.NodeCount && prior is not null && count == PriorCount(prior, want.Name!))
                    {
                        count = existing.NodeCount;
                    }

                    var min = want.EffectiveMin ?? (existing.MaxNodeCount is not null && !want.Autoscaled ? 0 : null);
                    if (count != existing.NodeCount || want.MaxNodes != existing.MaxNodeCount || (min is { } lo && lo != existing.MinNodeCount))
                    {
                        await Operations.ScaleAsync(clusterId, existing, count, min, want.MaxNodes, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }
            }

            var spec = new NodegroupSpec(want.Name!, flavor.Id, want.NodeCount ?? 1, want.EffectiveMin, want.MaxNodes, want.Labels ?? new Dictionary<string, string>());
            await Operations.CreateNodegroupAsync(clusterId, spec, deadline.Remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int? PriorCount(ResourceData prior, string name) => NodeGroupConfig.Of(prior).FirstOrDefault(g => g.Name == name)?.NodeCount;
}
