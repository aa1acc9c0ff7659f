using Crd.Simulator.Compute;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// Magnum's cluster quota (clusters per project, a synchronous 403) and the cores a cluster's
/// VMs would take from the project's Nova quota (a lack of cores fails the stack: CREATE_FAILED).
/// Cluster VMs are not created as Nova servers; the check adds the Nova servers' cores to the
/// cores of the project's other live clusters.
/// </summary>
public static class ClusterQuota
{
    /// <summary>403 when the project already has its maximum of clusters.</summary>
    public static void CheckClusterCount(StoreTransaction tx, Project project)
    {
        var limit = project.Quota.K8sClusters;
        if (limit >= 0 && tx.OfSite<Cluster>(project.Site, project.Id).Count() >= limit)
        {
            throw new ApiException(403, $"You have reached the maximum clusters per project, {limit}. You may delete a cluster to make room for a new one.");
        }
    }

    /// <summary>Cores of the cluster's nodes (masters and every nodegroup, pending counts included).</summary>
    public static int Cores(StoreTransaction tx, Cluster cluster, IEnumerable<Nodegroup> groups) =>
        groups.Sum(g => (g.PendingNodeCount ?? g.NodeCount) * (tx.Find<Flavor>(g.FlavorId)?.Vcpus ?? 1));

    /// <summary>
    /// The Heat-style failure message when <paramref name="cores"/> more cores exceed the project's
    /// quota, or null. <paramref name="except"/> is the cluster being changed (not counted twice).
    /// </summary>
    public static string? CoresShortfall(StoreTransaction tx, Project project, int cores, string? except)
    {
        var used = ComputeUsage.OfProject(tx, project.Site, project.Id).Cores;
        foreach (var other in tx.OfSite<Cluster>(project.Site, project.Id))
        {
            if (other.Id != except && !other.Status.EndsWith("FAILED", StringComparison.Ordinal))
            {
                used += Cores(tx, other, tx.OfSite<Nodegroup>(project.Site, project.Id).Where(g => g.ClusterId == other.Id));
            }
        }
        var limit = project.Quota.Cores;
        return limit >= 0 && used + cores > limit
            ? $"Resource CREATE failed: Forbidden: resources.kube_minions: Quota exceeded for cores: Requested {cores}, but already used {used} of {limit} cores (HTTP 403)"
            : null;
    }
}
