using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron security group rule.</summary>
[SimCollection("network.security_group_rules")]
public sealed class SecurityGroupRule : Entity
{
    /// <summary>Group the rule belongs to.</summary>
    public string SecurityGroupId { get; set; } = "";

    /// <summary><c>ingress</c> or <c>egress</c>.</summary>
    public string Direction { get; set; } = "ingress";

    /// <summary><c>IPv4</c> or <c>IPv6</c>.</summary>
    public string Ethertype { get; set; } = "IPv4";

    /// <summary>Protocol (tcp, udp, icmp...) or null for any.</summary>
    public string? Protocol { get; set; }

    /// <summary>Lowest port, or null.</summary>
    public int? PortRangeMin { get; set; }

    /// <summary>Highest port, or null.</summary>
    public int? PortRangeMax { get; set; }

    /// <summary>Remote CIDR, or null.</summary>
    public string? RemoteIpPrefix { get; set; }

    /// <summary>Remote group, or null.</summary>
    public string? RemoteGroupId { get; set; }

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
