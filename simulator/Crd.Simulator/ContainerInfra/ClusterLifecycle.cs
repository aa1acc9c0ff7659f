using Crd.Simulator.Image;
using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Completes cluster and nodegroup transitions on the simulated clock.</summary>
public static class ClusterLifecycle
{
    /// <summary>Settler of <see cref="Cluster"/>: create, update (node counts), upgrade, delete.</summary>
    public static void Settle(Cluster cluster, StoreTransaction tx)
    {
        var pending = cluster.Pending;
        var failure = cluster.FailMessage;
        cluster.Pending = null;
        cluster.FailMessage = null;
        cluster.DueAt = null;
        cluster.UpdatedAt = tx.Now;
        var groups = tx.OfSite<Nodegroup>(cluster.Site, cluster.ProjectId).Where(g => g.ClusterId == cluster.Id).ToList();
        if (pending == "delete")
        {
            foreach (var group in groups)
            {
                tx.Delete(group);
            }
            tx.Delete(cluster);
            return;
        }
        var phase = pending == "create" ? "CREATE" : "UPDATE";
        cluster.Status = phase + (failure is null ? "_COMPLETE" : "_FAILED");
        cluster.StatusReason = failure ?? $"Stack {phase} completed successfully";
        if (pending == "upgrade" && failure is null && cluster.PendingTemplateId is { } templateId)
        {
            cluster.TemplateId = templateId;
            if (tx.Find<ClusterTemplate>(templateId) is { } template)
            {
                cluster.CoeVersion = KubeVersion(tx, template.ImageId) ?? cluster.CoeVersion;
                foreach (var group in groups)
                {
                    group.ImageId = template.ImageId;
                }
            }
        }
        cluster.PendingTemplateId = null;
        foreach (var group in groups.Where(g => g.Pending is null))
        {
            if (pending == "create" || group.PendingNodeCount is not null || pending == "upgrade")
            {
                if (failure is null && group.PendingNodeCount is { } count)
                {
                    group.NodeCount = count;
                }
                group.Status = cluster.Status;
                group.StatusReason = failure;
                group.UpdatedAt = tx.Now;
            }
            group.PendingNodeCount = null;
            tx.Put(group);
        }
        tx.Put(cluster);
    }

    /// <summary>Settler of <see cref="Nodegroup"/> (operations on a single nodegroup).</summary>
    public static void SettleNodegroup(Nodegroup group, StoreTransaction tx)
    {
        var pending = group.Pending;
        group.Pending = null;
        group.DueAt = null;
        group.UpdatedAt = tx.Now;
        if (pending == "delete")
        {
            tx.Delete(group);
            return;
        }
        var failure = group.StatusReason;
        var phase = pending == "create" ? "CREATE" : "UPDATE";
        group.Status = phase + (failure is null ? "_COMPLETE" : "_FAILED");
        if (failure is null && group.PendingNodeCount is { } count)
        {
            group.NodeCount = count;
        }
        group.PendingNodeCount = null;
        tx.Put(group);
    }

    /// <summary>The <c>kube_version</c> property of an image, or null.</summary>
    public static string? KubeVersion(StoreTransaction tx, string imageId) =>
        tx.Find<ImageEntity>(imageId)?.Properties.GetValueOrDefault("kube_version");
}
