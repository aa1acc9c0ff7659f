using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>Neutron's JSON for its resources.</summary>
public static class NeutronJson
{
    /// <summary>A network (<c>subnets</c> lists its subnet ids).</summary>
    public static JsonObject Network(StoreTransaction tx, NetworkEntity n) => Common(n, n.CreatedAt, n.Name, n.Description, n.Tags, new JsonObject
    {
        ["status"] = "ACTIVE",
        ["admin_state_up"] = n.AdminStateUp,
        ["shared"] = n.Shared,
        ["router:external"] = n.External,
        ["mtu"] = n.Mtu,
        ["subnets"] = tx.OfSite<Subnet>(n.Site).Where(s => s.NetworkId == n.Id).Select(s => s.Id).ToJsonArray(),
        ["availability_zones"] = new JsonArray { "nova" },
        ["port_security_enabled"] = true,
        ["provider:network_type"] = n.External ? "flat" : "vxlan",
        ["is_default"] = n.External,
    });

    /// <summary>A subnet.</summary>
    public static JsonObject Subnet(Subnet s)
    {
        var cidr = Ipv4Cidr.TryParse(s.Cidr)!.Value;
        return Common(s, s.CreatedAt, s.Name, "", [], new JsonObject
        {
            ["network_id"] = s.NetworkId,
            ["cidr"] = s.Cidr,
            ["ip_version"] = 4,
            ["gateway_ip"] = s.GatewayIp,
            ["enable_dhcp"] = s.EnableDhcp,
            ["dns_nameservers"] = s.DnsNameservers.ToJsonArray(),
            ["allocation_pools"] = new JsonArray { new JsonObject { ["start"] = cidr.PoolStart, ["end"] = cidr.PoolEnd } },
            ["host_routes"] = new JsonArray(),
            ["ipv6_address_mode"] = null,
            ["ipv6_ra_mode"] = null,
            ["subnetpool_id"] = null,
        });
    }

    /// <summary>A port.</summary>
    public static JsonObject Port(Port p) => Common(p, p.CreatedAt, p.Name, p.Description, [], new JsonObject
    {
        ["network_id"] = p.NetworkId,
        ["mac_address"] = p.MacAddress,
        ["admin_state_up"] = p.AdminStateUp,
        ["status"] = p.DeviceId.Length > 0 ? "ACTIVE" : "DOWN",
        ["device_id"] = p.DeviceId,
        ["device_owner"] = p.DeviceOwner,
        ["fixed_ips"] = p.IpAddress.Length == 0
            ? new JsonArray()
            : new JsonArray { new JsonObject { ["subnet_id"] = p.SubnetId, ["ip_address"] = p.IpAddress } },
        ["security_groups"] = p.SecurityGroupIds.ToJsonArray(),
        ["port_security_enabled"] = true,
        ["allowed_address_pairs"] = new JsonArray(),
        ["binding:vnic_type"] = "normal",
    });

    /// <summary>A floating IP.</summary>
    public static JsonObject FloatingIp(FloatingIp f) => Common(f, f.CreatedAt, null, f.Description, [], new JsonObject
    {
        ["floating_network_id"] = f.FloatingNetworkId,
        ["floating_ip_address"] = f.FloatingIpAddress,
        ["port_id"] = f.PortId,
        ["fixed_ip_address"] = f.FixedIpAddress,
        ["router_id"] = f.RouterId,
        ["status"] = f.PortId is null ? "DOWN" : "ACTIVE",
        ["port_details"] = null,
        ["dns_domain"] = "",
        ["dns_name"] = "",
    });

    /// <summary>A security group with its rules.</summary>
    public static JsonObject SecurityGroup(StoreTransaction tx, SecurityGroup g) => Common(g, g.CreatedAt, g.Name, g.Description, [], new JsonObject
    {
        ["stateful"] = g.Stateful,
        ["shared"] = false,
        ["security_group_rules"] = new JsonArray([.. tx.OfSite<SecurityGroupRule>(g.Site).Where(r => r.SecurityGroupId == g.Id)
            .OrderBy(r => r.CreatedAt).Select(r => (JsonNode)Rule(r))]),
    });

    /// <summary>A security group rule.</summary>
    public static JsonObject Rule(SecurityGroupRule r) => Common(r, r.CreatedAt, null, r.Description, [], new JsonObject
    {
        ["security_group_id"] = r.SecurityGroupId,
        ["direction"] = r.Direction,
        ["ethertype"] = r.Ethertype,
        ["protocol"] = r.Protocol,
        ["port_range_min"] = r.PortRangeMin,
        ["port_range_max"] = r.PortRangeMax,
        ["remote_ip_prefix"] = r.RemoteIpPrefix,
        ["remote_group_id"] = r.RemoteGroupId,
        ["remote_address_group_id"] = null,
        ["normalized_cidr"] = r.RemoteIpPrefix,
    });

    /// <summary>A router.</summary>
    public static JsonObject Router(Router r) => Common(r, r.CreatedAt, r.Name, "", [], new JsonObject
    {
        ["status"] = "ACTIVE",
        ["admin_state_up"] = true,
        ["external_gateway_info"] = r.ExternalNetworkId is null ? null : new JsonObject
        {
            ["network_id"] = r.ExternalNetworkId,
            ["enable_snat"] = true,
        },
        ["routes"] = new JsonArray(),
        ["distributed"] = false,
        ["ha"] = false,
    });

    private static JsonObject Common(Entity e, DateTimeOffset created, string? name, string description, IEnumerable<string> tags, JsonObject rest)
    {
        var json = new JsonObject { ["id"] = e.Id };
        if (name is not null)
        {
            json["name"] = name;
        }
        json["tenant_id"] = e.ProjectId;
        json["project_id"] = e.ProjectId;
        json["description"] = description;
        json["tags"] = tags.ToJsonArray();
        json["created_at"] = HttpJson.Iso(created);
        json["updated_at"] = HttpJson.Iso(created);
        json["revision_number"] = 1;
        foreach (var (key, value) in rest.ToList())
        {
            rest.Remove(key);
            json[key] = value;
        }
        return json;
    }
}
