using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Network;
using Crd.Simulator.State;

namespace Crd.Simulator.Compute;

/// <summary>Nova's JSON for servers, honouring the microversion where the shape changed.</summary>
public static class ServerView
{
    /// <summary>v2.47: the flavor is embedded instead of linked.</summary>
    public static readonly Microversion EmbeddedFlavor = new(2, 47);

    /// <summary><c>{"id","name","links"}</c> for plain lists.</summary>
    public static JsonObject Summary(Server server, string computeUrl) => new()
    {
        ["id"] = server.Id,
        ["name"] = server.Name,
        ["links"] = Links(computeUrl, "servers", server.Id),
    };

    /// <summary>The full server body.</summary>
    public static JsonObject Detail(StoreTransaction tx, ComputeIndex index, Server server, Microversion version, string computeUrl)
    {
        var ports = index.PortsByDevice[server.Id].OrderBy(p => p.CreatedAt).ToList();
        var groups = ports.SelectMany(p => p.SecurityGroupIds).Distinct()
            .Select(id => tx.Find<SecurityGroup>(id)?.Name).Where(n => n is not null).Distinct().ToList();
        var json = new JsonObject
        {
            ["id"] = server.Id,
            ["name"] = server.Name,
            ["status"] = server.Status,
            ["tenant_id"] = server.ProjectId,
            ["user_id"] = server.UserId,
            ["metadata"] = server.Metadata.ToJson(),
            ["hostId"] = server.HostId,
            ["image"] = server.ImageId.Length == 0 ? "" : new JsonObject
            {
                ["id"] = server.ImageId,
                ["links"] = new JsonArray { new JsonObject { ["rel"] = "bookmark", ["href"] = computeUrl + "/images/" + server.ImageId } },
            },
            ["flavor"] = FlavorRef(tx.Find<Flavor>(server.FlavorId), server.FlavorId, version, computeUrl),
            ["created"] = HttpJson.Iso(server.CreatedAt),
            ["updated"] = HttpJson.Iso(server.UpdatedAt),
            ["addresses"] = Addresses(index, ports),
            ["accessIPv4"] = "",
            ["accessIPv6"] = "",
            ["links"] = Links(computeUrl, "servers", server.Id),
            ["OS-DCF:diskConfig"] = "MANUAL",
            ["progress"] = server.Status == "BUILD" ? 0 : 100,
            ["OS-EXT-AZ:availability_zone"] = server.AvailabilityZone,
            ["config_drive"] = server.ConfigDrive ? "True" : "",
            ["key_name"] = server.KeyName,
            ["OS-SRV-USG:launched_at"] = server.LaunchedAt is { } launched ? launched.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) : null,
            ["OS-SRV-USG:terminated_at"] = null,
            ["OS-EXT-STS:task_state"] = server.TaskState,
            ["OS-EXT-STS:vm_state"] = server.VmState,
            ["OS-EXT-STS:power_state"] = server.PowerState,
            ["os-extended-volumes:volumes_attached"] = new JsonArray([.. index.VolumesByServer[server.Id].Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Volume.Id,
                ["delete_on_termination"] = v.Attachment.DeleteOnTermination,
            })]),
        };
        if (server.Status != "BUILD" || groups.Count > 0)
        {
            json["security_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["name"] = g })]);
        }
        if (server.Fault is { } fault)
        {
            json["fault"] = new JsonObject
            {
                ["code"] = fault.Code,
                ["message"] = fault.Message,
                ["created"] = HttpJson.Iso(fault.Created),
            };
        }
        if (version >= new Microversion(2, 9))
        {
            json["locked"] = server.Locked;
        }
        if (version >= new Microversion(2, 19))
        {
            json["description"] = server.Description;
        }
        if (version >= new Microversion(2, 26))
        {
            json["tags"] = server.Tags.ToJsonArray();
        }
        return json;
    }

    /// <summary><c>{"network name": [{"addr","version","OS-EXT-IPS:type","OS-EXT-IPS-MAC:mac_addr"}]}</c>.</summary>
    public static JsonObject Addresses(ComputeIndex index, IEnumerable<Port> ports)
    {
        var addresses = new JsonObject();
        foreach (var port in ports)
        {
            var name = index.Networks.TryGetValue(port.NetworkId, out var network) ? network.Name : port.NetworkId;
            if (addresses[name] is not JsonArray list)
            {
                list = [];
                addresses[name] = list;
            }
            list.Add(Address(port.IpAddress, "fixed", port.MacAddress));
            foreach (var floating in index.FloatingByPort[port.Id])
            {
                list.Add(Address(floating.FloatingIpAddress, "floating", port.MacAddress));
            }
        }
        return addresses;
    }

    /// <summary>Self and bookmark links.</summary>
    public static JsonArray Links(string computeUrl, string collection, string id) =>
    [
        new JsonObject { ["rel"] = "self", ["href"] = computeUrl + "/" + collection + "/" + id },
        new JsonObject { ["rel"] = "bookmark", ["href"] = computeUrl + "/" + collection + "/" + id },
    ];

    private static JsonObject Address(string address, string type, string mac) => new()
    {
        ["version"] = 4,
        ["addr"] = address,
        ["OS-EXT-IPS:type"] = type,
        ["OS-EXT-IPS-MAC:mac_addr"] = mac,
    };

    private static JsonObject FlavorRef(Flavor? flavor, string id, Microversion version, string computeUrl)
    {
        if (version < EmbeddedFlavor || flavor is null)
        {
            return new JsonObject
            {
                ["id"] = id,
                ["links"] = new JsonArray { new JsonObject { ["rel"] = "bookmark", ["href"] = computeUrl + "/flavors/" + id } },
            };
        }
        var json = new JsonObject
        {
            ["vcpus"] = flavor.Vcpus,
            ["ram"] = flavor.RamMb,
            ["disk"] = flavor.DiskGb,
            ["ephemeral"] = 0,
            ["swap"] = 0,
            ["original_name"] = flavor.Name,
        };
        if (version >= new Microversion(2, 47))
        {
            json["extra_specs"] = flavor.ExtraSpecs.ToJson();
        }
        return json;
    }
}
