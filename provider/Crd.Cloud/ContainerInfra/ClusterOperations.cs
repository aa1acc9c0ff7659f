namespace Crd.Cloud.ContainerInfra;

/// <summary>
/// The multi-step changes of a cluster, each ending only when Magnum reports it done: node
/// groups created, deleted and scaled one at a time (the Cluster API driver races on concurrent
/// nodegroup changes, launchpad magnum bug 2097946), bounds widened before a resize and
/// narrowed after it so that every intermediate state is one Magnum accepts, and upgrades.
/// </summary>
public sealed class ClusterOperations(MagnumClient magnum)
{
    /// <summary>The client.</summary>
    public MagnumClient Magnum { get; } = magnum;

    /// <summary>Upgrades the cluster to <paramref name="templateId"/> and waits for <c>UPDATE_COMPLETE</c>.</summary>
    public async Task<MagnumCluster> UpgradeAsync(string clusterId, string templateId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Magnum.UpgradeAsync(clusterId, templateId, cancellationToken).ConfigureAwait(false);
        return await Magnum.WaitForStatusAsync(clusterId, MagnumStatus.UpdateComplete, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings <paramref name="group"/> to <paramref name="nodeCount"/> nodes within
    /// [<paramref name="min"/>, <paramref name="max"/>] (a null max: no autoscaling; a null min:
    /// leave the minimum alone unless the count needs it lower). Three steps at most: widen the
    /// bounds so that they hold the current and the target count, resize, set the final bounds.
    /// </summary>
    public async Task ScaleAsync(string clusterId, MagnumNodegroup group, int nodeCount, int? min, int? max, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = group.NodeCount;
        var targetMin = min ?? Math.Min(group.MinNodeCount, nodeCount);
        var wideMin = Math.Min(targetMin, Math.Min(current, group.MinNodeCount));
        int? wideMax = max is { } hi ? Math.Max(hi, current) : null;
        if (wideMin != group.MinNodeCount || wideMax != group.MaxNodeCount)
        {
            await SetBoundsAsync(clusterId, group.Name, wideMin, wideMax, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (nodeCount != current)
        {
            await Magnum.ResizeAsync(clusterId, nodeCount, group.Name, cancellationToken).ConfigureAwait(false);
            await Magnum.WaitForStatusAsync(clusterId, MagnumStatus.UpdateComplete, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (targetMin != wideMin || max != wideMax)
        {
            await SetBoundsAsync(clusterId, group.Name, targetMin, max, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates a worker group and waits for <c>CREATE_COMPLETE</c>. A group that fails is deleted
    /// again (best effort) so that the next apply can retry it, and the failure is thrown with
    /// Magnum's reason.
    /// </summary>
    public async Task CreateNodegroupAsync(string clusterId, NodegroupSpec spec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Magnum.CreateNodegroupAsync(clusterId, spec, cancellationToken).ConfigureAwait(false);
        try
        {
            await Magnum.WaitNodegroupAsync(clusterId, spec.Name, "be created", g => g is { Status: MagnumStatus.CreateComplete }, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (MagnumOperationException)
        {
            try
            {
                await Magnum.DeleteNodegroupAsync(clusterId, spec.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudException)
            {
                // The failure below is what matters; a leftover group shows up on the next refresh.
            }

            throw;
        }
    }

    /// <summary>Deletes a worker group and waits until it is gone.</summary>
    public async Task DeleteNodegroupAsync(string clusterId, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await Magnum.DeleteNodegroupAsync(clusterId, name, cancellationToken).ConfigureAwait(false))
        {
            await Magnum.WaitNodegroupAsync(clusterId, name, "be deleted", g => g is null, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the cluster and waits for 404.</summary>
    public async Task DeleteClusterAsync(string clusterId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await Magnum.DeleteClusterAsync(clusterId, cancellationToken).ConfigureAwait(false))
        {
            await Magnum.WaitDeletedAsync(clusterId, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetBoundsAsync(string clusterId, string name, int min, int? max, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Magnum.SetNodegroupBoundsAsync(clusterId, name, min, max, cancellationToken).ConfigureAwait(false);
        await Magnum.WaitNodegroupAsync(clusterId, name, "take its new bounds", g => g is not null && MagnumStatus.IsSettled(g.Status) && !MagnumStatus.IsFailed(g.Status), timeout, cancellationToken).ConfigureAwait(false);
    }
}
