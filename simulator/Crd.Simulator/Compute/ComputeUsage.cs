using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;

namespace Crd.Simulator.Compute;

/// <summary>Quota usage and site load of servers, and Nova's quota refusal.</summary>
public static class ComputeUsage
{
    /// <summary>Instances, cores and RAM (MiB) used by a project on a site.</summary>
    public static (int Instances, int Cores, int RamMb) OfProject(StoreTransaction tx, string site, string projectId)
    {
        int instances = 0, cores = 0, ram = 0;
        foreach (var server in tx.OfSite<Server>(site, projectId))
        {
            instances++;
            if (tx.Find<Flavor>(server.FlavorId) is { } flavor)
            {
                cores += flavor.Vcpus;
                ram += flavor.RamMb;
            }
        }
        return (instances, cores, ram);
    }

    /// <summary>vCPUs, RAM (MiB) and GPUs placed on the site's hypervisors (servers not in ERROR).</summary>
    public static (int Vcpus, int RamMb, int Gpus) SiteLoad(StoreTransaction tx, string site)
    {
        int vcpus = 0, ram = 0, gpus = 0;
        foreach (var server in tx.OfSite<Server>(site))
        {
            if (server.VmState != "error" && server.FailMessage is null && tx.Find<Flavor>(server.FlavorId) is { } flavor)
            {
                vcpus += flavor.Vcpus;
                ram += flavor.RamMb;
                gpus += flavor.Gpus;
            }
        }
        return (vcpus, ram, gpus);
    }

    /// <summary>
    /// Refuses with Nova's 403 when adding <paramref name="instances"/>, <paramref name="cores"/> and
    /// <paramref name="ramMb"/> exceeds the project's quota: "Quota exceeded for cores: Requested 4,
    /// but already used 14 of 16 cores".
    /// </summary>
    public static void Check(StoreTransaction tx, Project project, int instances, int cores, int ramMb)
    {
        var used = OfProject(tx, project.Site, project.Id);
        var overs = new List<(string Name, int Requested, int Used, int Allowed)>();
        if (instances > 0 && used.Instances + instances > project.Quota.Instances && project.Quota.Instances >= 0)
        {
            overs.Add(("instances", instances, used.Instances, project.Quota.Instances));
        }
        if (cores > 0 && used.Cores + cores > project.Quota.Cores && project.Quota.Cores >= 0)
        {
            overs.Add(("cores", cores, used.Cores, project.Quota.Cores));
        }
        var ramLimit = project.Quota.RamGb * 1024;
        if (ramMb > 0 && used.RamMb + ramMb > ramLimit && project.Quota.RamGb >= 0)
        {
            overs.Add(("ram", ramMb, used.RamMb, ramLimit));
        }
        if (overs.Count == 0)
        {
            return;
        }
        var names = string.Join(", ", overs.Select(o => o.Name));
        throw new ApiException(403,
            $"Quota exceeded for {names}: Requested {string.Join(", ", overs.Select(o => o.Requested))}, " +
            $"but already used {string.Join(", ", overs.Select(o => o.Used))} of {string.Join(", ", overs.Select(o => o.Allowed))} {names}",
            "forbidden");
    }
}
