using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron IPv4 subnet.</summary>
[SimCollection("network.subnets")]
public sealed class Subnet : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Network.</summary>
    public string NetworkId { get; set; } = "";

    /// <summary>CIDR, e.g. 10.0.0.0/24.</summary>
    public string Cidr { get; set; } = "";

    /// <summary>Gateway (first host).</summary>
    public string GatewayIp { get; set; } = "";

    /// <summary>DHCP.</summary>
    public bool EnableDhcp { get; set; } = true;

    /// <summary>DNS servers.</summary>
    public List<string> DnsNameservers { get; set; } = [];

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
