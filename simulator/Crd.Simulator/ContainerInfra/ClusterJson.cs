using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Magnum's JSON for clusters, nodegroups and templates.</summary>
public static class ClusterJson
{
    /// <summary>Links of an object.</summary>
    public static JsonArray Links(string url) =>
    [
        new JsonObject { ["href"] = url, ["rel"] = "self" },
        new JsonObject { ["href"] = url, ["rel"] = "bookmark" },
    ];

    /// <summary>True when the cluster's stack exists (addresses are known).</summary>
    public static bool IsBuilt(Cluster cluster) => cluster.Status is not ("CREATE_IN_PROGRESS" or "CREATE_FAILED");

    /// <summary>A cluster; <paramref name="detail"/> false gives the list subset.</summary>
    public static JsonObject Cluster(Cluster c, IReadOnlyList<Nodegroup> groups, SiteConfig site, string v1Url, bool detail)
    {
        var worker = groups.FirstOrDefault(g => g.IsDefault && g.Role != "master");
        var built = IsBuilt(c);
        var json = new JsonObject
        {
            ["uuid"] = c.Id,
            ["name"] = c.Name,
            ["cluster_template_id"] = c.TemplateId,
            ["status"] = c.Status,
            ["health_status"] = c.Status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" ? "HEALTHY" : "UNKNOWN",
            ["keypair"] = c.Keypair,
            ["master_count"] = c.MasterCount,
            ["node_count"] = worker?.NodeCount ?? 0,
            ["create_timeout"] = c.CreateTimeout,
            ["docker_volume_size"] = c.DockerVolumeSize,
            ["labels"] = c.Labels.ToJson(),
            ["flavor_id"] = c.FlavorId,
            ["master_flavor_id"] = c.MasterFlavorId,
            ["stack_id"] = built || c.Status == "CREATE_IN_PROGRESS" ? c.StackId : null,
            ["links"] = Links(v1Url + "/clusters/" + c.Id),
        };
        if (!detail)
        {
            return json;
        }
        var publicAccess = c.FloatingIpEnabled || c.MasterLbEnabled;
        var apiIp = MagnumLookup.Address(publicAccess ? site.PublicCidr : site.PrivateCidr, c.Id + "/api", 0);
        json["status_reason"] = c.StatusReason;
        json["health_status_reason"] = new JsonObject();
        json["api_address"] = built ? $"https://{apiIp}:6443" : null;
        json["coe_version"] = built ? c.CoeVersion : null;
        json["container_version"] = built ? "1.12.6" : null;
        json["master_addresses"] = built ? Addresses(groups.Where(g => g.Role == "master"), site, c.FloatingIpEnabled) : new JsonArray();
        json["node_addresses"] = built ? Addresses(groups.Where(g => g.Role != "master"), site, c.FloatingIpEnabled) : new JsonArray();
        json["discovery_url"] = null;
        json["labels_added"] = c.LabelsAdded.ToJson();
        json["labels_overridden"] = c.LabelsOverridden.ToJson();
        json["labels_skipped"] = c.LabelsSkipped.ToJson();
        json["fixed_network"] = c.FixedNetwork;
        json["fixed_subnet"] = c.FixedSubnet;
        json["floating_ip_enabled"] = c.FloatingIpEnabled;
        json["master_lb_enabled"] = c.MasterLbEnabled;
        json["faults"] = c.Status.EndsWith("FAILED", StringComparison.Ordinal) ? new JsonObject { ["default-master"] = c.StatusReason } : new JsonObject();
        json["project_id"] = c.ProjectId;
        json["user_id"] = c.UserId;
        json["created_at"] = HttpJson.Iso(c.CreatedAt);
        json["updated_at"] = c.UpdatedAt is { } updated ? HttpJson.Iso(updated) : null;
        return json;
    }

    private static JsonArray Addresses(IEnumerable<Nodegroup> groups, SiteConfig site, bool floating) =>
        [.. groups.SelectMany(g => Enumerable.Range(0, g.NodeCount).Select(i => (JsonNode?)MagnumLookup.Address(floating ? site.PublicCidr : site.PrivateCidr, g.Id, i)))];

    /// <summary>A nodegroup.</summary>
    public static JsonObject Nodegroup(Nodegroup g, SiteConfig site, string v1Url, bool detail)
    {
        var json = new JsonObject
        {
            ["uuid"] = g.Id,
            ["name"] = g.Name,
            ["flavor_id"] = g.FlavorId,
            ["image_id"] = g.ImageId,
            ["node_count"] = g.NodeCount,
            ["role"] = g.Role,
            ["is_default"] = g.IsDefault,
            ["status"] = g.Status,
            ["min_node_count"] = g.MinNodeCount,
            ["max_node_count"] = g.MaxNodeCount,
            ["links"] = Links(v1Url + "/clusters/" + g.ClusterId + "/nodegroups/" + g.Id),
        };
        if (detail)
        {
            json["cluster_id"] = g.ClusterId;
            json["project_id"] = g.ProjectId;
            json["labels"] = g.Labels.ToJson();
            json["labels_added"] = new JsonObject();
            json["labels_overridden"] = new JsonObject();
            json["labels_skipped"] = new JsonObject();
            json["docker_volume_size"] = g.DockerVolumeSize;
            json["node_addresses"] = g.Status.StartsWith("CREATE_", StringComparison.Ordinal) && g.Status != "CREATE_COMPLETE"
                ? new JsonArray()
                : new JsonArray([.. Enumerable.Range(0, g.NodeCount).Select(i => (JsonNode?)MagnumLookup.Address(site.PrivateCidr, g.Id, i))]);
            json["stack_id"] = g.StackId;
            json["status_reason"] = g.StatusReason;
            json["version"] = null;
            json["created_at"] = HttpJson.Iso(g.CreatedAt);
            json["updated_at"] = g.UpdatedAt is { } updated ? HttpJson.Iso(updated) : null;
        }
        return json;
    }

    /// <summary>A cluster template.</summary>
    public static JsonObject Template(ClusterTemplate t, string v1Url, bool detail)
    {
        var json = new JsonObject
        {
            ["uuid"] = t.Id,
            ["name"] = t.Name,
            ["coe"] = t.Coe,
            ["image_id"] = t.ImageId,
            ["public"] = t.Public,
            ["hidden"] = t.Hidden,
            ["tls_disabled"] = t.TlsDisabled,
            ["keypair_id"] = t.KeypairId,
            ["docker_volume_size"] = t.DockerVolumeSize,
            ["server_type"] = t.ServerType,
            ["links"] = Links(v1Url + "/clustertemplates/" + t.Id),
        };
        if (!detail)
        {
            return json;
        }
        json["flavor_id"] = t.FlavorId;
        json["master_flavor_id"] = t.MasterFlavorId;
        json["external_network_id"] = t.ExternalNetworkId;
        json["fixed_network"] = t.FixedNetwork;
        json["fixed_subnet"] = t.FixedSubnet;
        json["network_driver"] = t.NetworkDriver;
        json["volume_driver"] = t.VolumeDriver;
        json["docker_storage_driver"] = "overlay2";
        json["dns_nameserver"] = t.DnsNameserver;
        json["labels"] = t.Labels.ToJson();
        json["master_lb_enabled"] = t.MasterLbEnabled;
        json["floating_ip_enabled"] = t.FloatingIpEnabled;
        json["cluster_distro"] = "ubuntu";
        json["registry_enabled"] = false;
        json["insecure_registry"] = null;
        json["apiserver_port"] = null;
        json["http_proxy"] = null;
        json["https_proxy"] = null;
        json["no_proxy"] = null;
        json["project_id"] = t.ProjectId;
        json["user_id"] = t.UserId;
        json["created_at"] = HttpJson.Iso(t.CreatedAt);
        json["updated_at"] = t.UpdatedAt is { } updated ? HttpJson.Iso(updated) : null;
        return json;
    }
}
