using System.Text.Json.Nodes;
using Crd.Simulator.Compute;
using Crd.Simulator.ContainerInfra;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Network;
using Crd.Simulator.Onedata;
using Crd.Simulator.Portal;
using Crd.Simulator.State;
using Crd.Simulator.Volume;

namespace Crd.Simulator.Dashboard;

/// <summary>
/// The federation at a glance, read under the store's lock: sites (services, capacity, load),
/// projects with usage against quota, servers, volumes, clusters, spaces, recent events.
/// Served as JSON (<c>/_sim/dashboard.json</c>) and rendered by <see cref="DashboardPage"/>.
/// </summary>
public static class DashboardModel
{
    /// <summary>Rows shown per list (the page stays readable with thousands of servers).</summary>
    public const int MaxRows = 60;

    /// <summary>Builds the model.</summary>
    public static JsonObject Build(StoreTransaction tx, SimRuntime runtime)
    {
        var projects = tx.All<Project>().ToDictionary(p => p.Id);
        string ProjectName(string id) => projects.TryGetValue(id, out var p) ? p.Name : id.Length > 8 ? id[..8] : id;
        var flavors = tx.All<Flavor>().ToDictionary(f => f.Id);
        var ipsByDevice = tx.All<Port>().Where(p => p.DeviceId.Length > 0).GroupBy(p => p.DeviceId).ToDictionary(g => g.Key, g => g.ToList());
        var floatingByPort = tx.All<FloatingIp>().Where(f => f.PortId is not null).ToDictionary(f => f.PortId!, f => f.FloatingIpAddress);
        var servers = tx.All<Server>().ToList();
        var volumes = tx.All<VolumeEntity>().ToList();
        var clusters = tx.All<Cluster>().ToList();
        var groups = tx.All<Nodegroup>().ToList();

        var sites = new JsonArray();
        foreach (var site in runtime.Config.Sites)
        {
            var load = ComputeUsage.SiteLoad(tx, site.Name);
            sites.Add(new JsonObject
            {
                ["name"] = site.Name,
                ["region"] = site.Region,
                ["services"] = site.Services.ToJsonArray(),
                ["vcpus"] = new JsonObject { ["used"] = load.Vcpus, ["total"] = site.Capacity.Vcpus },
                ["ram_gb"] = new JsonObject { ["used"] = load.RamMb / 1024, ["total"] = site.Capacity.RamGb },
                ["gpus"] = new JsonObject { ["used"] = load.Gpus, ["total"] = site.Capacity.Gpus },
                ["servers"] = servers.Count(s => s.Site == site.Name),
                ["volumes"] = volumes.Count(v => v.Site == site.Name),
                ["clusters"] = clusters.Count(c => c.Site == site.Name),
            });
        }

        var projectRows = new JsonArray();
        var active = servers.Select(s => s.ProjectId).Concat(volumes.Select(v => v.ProjectId)).Concat(clusters.Select(c => c.ProjectId)).ToHashSet();
        foreach (var project in projects.Values.Where(p => active.Contains(p.Id)).OrderBy(p => p.Site, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).Take(MaxRows))
        {
            var compute = ComputeUsage.OfProject(tx, project.Site, project.Id);
            var own = volumes.Where(v => v.Site == project.Site && v.ProjectId == project.Id).ToList();
            JsonObject Use(int used, int limit) => new() { ["used"] = used, ["limit"] = limit };
            projectRows.Add(new JsonObject
            {
                ["site"] = project.Site,
                ["name"] = project.Name,
                ["id"] = project.Id,
                ["cores"] = Use(compute.Cores, project.Quota.Cores),
                ["ram_gb"] = Use(compute.RamMb / 1024, project.Quota.RamGb),
                ["instances"] = Use(compute.Instances, project.Quota.Instances),
                ["volumes"] = Use(own.Count, project.Quota.Volumes),
                ["storage_gb"] = Use(own.Sum(v => v.Size), project.Quota.StorageGb),
                ["k8s_clusters"] = Use(clusters.Count(c => c.Site == project.Site && c.ProjectId == project.Id), project.Quota.K8sClusters),
            });
        }

        var serverRows = new JsonArray();
        foreach (var server in servers.OrderByDescending(s => s.CreatedAt).Take(MaxRows))
        {
            var ports = ipsByDevice.GetValueOrDefault(server.Id) ?? [];
            var ips = ports.Select(p => p.IpAddress).Concat(ports.Select(p => floatingByPort.GetValueOrDefault(p.Id)).OfType<string>());
            serverRows.Add(new JsonObject
            {
                ["site"] = server.Site,
                ["project"] = ProjectName(server.ProjectId),
                ["name"] = server.Name,
                ["status"] = server.Status,
                ["flavor"] = flavors.TryGetValue(server.FlavorId, out var f) ? f.Name : server.FlavorId,
                ["ips"] = ips.ToJsonArray(),
            });
        }

        var serverNames = servers.ToDictionary(s => s.Id, s => s.Name);
        var volumeRows = new JsonArray();
        foreach (var volume in volumes.OrderByDescending(v => v.CreatedAt).Take(MaxRows))
        {
            volumeRows.Add(new JsonObject
            {
                ["site"] = volume.Site,
                ["project"] = ProjectName(volume.ProjectId),
                ["name"] = string.IsNullOrEmpty(volume.Name) ? volume.Id[..8] : volume.Name,
                ["size_gb"] = volume.Size,
                ["status"] = volume.Status,
                ["type"] = volume.VolumeType,
                ["attached_to"] = volume.Attachments.Select(a => serverNames.GetValueOrDefault(a.ServerId, a.ServerId)).ToJsonArray(),
            });
        }

        var clusterRows = new JsonArray();
        foreach (var cluster in clusters.OrderByDescending(c => c.CreatedAt).Take(MaxRows))
        {
            var own = groups.Where(g => g.ClusterId == cluster.Id).ToList();
            clusterRows.Add(new JsonObject
            {
                ["site"] = cluster.Site,
                ["project"] = ProjectName(cluster.ProjectId),
                ["name"] = cluster.Name,
                ["status"] = cluster.Status,
                ["masters"] = own.Where(g => g.Role == "master").Sum(g => g.NodeCount),
                ["workers"] = own.Where(g => g.Role != "master").Sum(g => g.NodeCount),
                ["kubernetes"] = cluster.CoeVersion,
            });
        }

        var providers = runtime.Config.Sites.Where(s => s.Offers("onedata")).ToDictionary(s => OnedataIds.ProviderId(runtime, s.Name), s => s.Name);
        var supports = tx.All<SpaceSupport>().ToList();
        var spaceRows = new JsonArray();
        foreach (var space in tx.All<Space>().OrderByDescending(s => s.CreatedAt).Take(MaxRows))
        {
            spaceRows.Add(new JsonObject
            {
                ["name"] = space.Name,
                ["id"] = space.Id,
                ["providers"] = new JsonArray([.. supports.Where(s => s.SpaceId == space.Id).OrderBy(s => s.Site, StringComparer.Ordinal)
                    .Select(s => (JsonNode)new JsonObject { ["site"] = providers.GetValueOrDefault(s.ProviderId, s.Site), ["size_gb"] = Math.Round(s.SizeBytes / 1073741824.0, 1) })]),
            });
        }

        return new JsonObject
        {
            ["now"] = HttpJson.Iso(tx.Now),
            ["instant"] = tx.Clock.Instant,
            ["sites"] = sites,
            ["projects"] = projectRows,
            ["servers"] = serverRows,
            ["server_count"] = servers.Count,
            ["volumes"] = volumeRows,
            ["volume_count"] = volumes.Count,
            ["clusters"] = clusterRows,
            ["spaces"] = spaceRows,
            ["events"] = Events(tx, servers, volumes, clusters, ProjectName),
        };
    }

    private static JsonArray Events(StoreTransaction tx, List<Server> servers, List<VolumeEntity> volumes, List<Cluster> clusters, Func<string, string> projectName)
    {
        var events = new List<(DateTimeOffset At, string Site, string Text)>();
        foreach (var s in servers)
        {
            events.Add((s.CreatedAt, s.Site, $"server {s.Name} created in {projectName(s.ProjectId)}"));
            if (s.UpdatedAt > s.CreatedAt)
            {
                events.Add((s.UpdatedAt, s.Site, $"server {s.Name} is {s.Status}"));
            }
        }
        foreach (var v in volumes)
        {
            events.Add((v.CreatedAt, v.Site, $"volume {v.Name ?? v.Id[..8]} ({v.Size} GB) created"));
            if (v.UpdatedAt > v.CreatedAt)
            {
                events.Add((v.UpdatedAt, v.Site, $"volume {v.Name ?? v.Id[..8]} is {v.Status}"));
            }
        }
        foreach (var c in clusters)
        {
            events.Add((c.CreatedAt, c.Site, $"cluster {c.Name} requested"));
            if (c.UpdatedAt is { } updated)
            {
                events.Add((updated, c.Site, $"cluster {c.Name} is {c.Status}"));
            }
        }
        foreach (var o in tx.All<Order>())
        {
            events.Add((o.ModifiedAt, o.Site, $"portal order {o.Type} is {o.State}"));
        }
        foreach (var s in tx.All<Space>())
        {
            events.Add((s.CreatedAt, "onezone", $"space {s.Name} created"));
        }
        return new JsonArray([.. events.OrderByDescending(e => e.At).Take(12)
            .Select(e => (JsonNode)new JsonObject { ["at"] = HttpJson.Iso(e.At), ["site"] = e.Site, ["text"] = e.Text })]);
    }
}
