using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;

namespace Crd.Simulator.Volume;

/// <summary>Cinder quota usage and refusals (413 overLimit with Cinder's wording).</summary>
public static class VolumeUsage
{
    /// <summary>Volumes and gigabytes used by a project on a site.</summary>
    public static (int Volumes, int Gigabytes) OfProject(StoreTransaction tx, string site, string projectId)
    {
        int volumes = 0, gigabytes = 0;
        foreach (var volume in tx.OfSite<VolumeEntity>(site, projectId))
        {
            volumes++;
            gigabytes += Math.Max(volume.Size, volume.PendingSize ?? 0);
        }
        return (volumes, gigabytes);
    }

    /// <summary>Refuses with 413 when adding <paramref name="volumes"/> and <paramref name="gigabytes"/> exceeds the quota.</summary>
    public static void Check(StoreTransaction tx, Project project, int volumes, int gigabytes)
    {
        var used = OfProject(tx, project.Site, project.Id);
        if (gigabytes > 0 && project.Quota.StorageGb >= 0 && used.Gigabytes + gigabytes > project.Quota.StorageGb)
        {
            throw new ApiException(413,
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested {gigabytes}G, " +
                $"quota is {project.Quota.StorageGb}G and {used.Gigabytes}G has been consumed.", "overLimit");
        }
        if (volumes > 0 && project.Quota.Volumes >= 0 && used.Volumes + volumes > project.Quota.Volumes)
        {
            throw new ApiException(413,
                $"VolumeLimitExceeded: Maximum number of volumes allowed ({project.Quota.Volumes}) exceeded for quota 'volumes'.", "overLimit");
        }
    }
}
