using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron port (one fixed IPv4 address).</summary>
[SimCollection("network.ports")]
public sealed class Port : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Network.</summary>
    public string NetworkId { get; set; } = "";

    /// <summary>Subnet of the fixed IP.</summary>
    public string SubnetId { get; set; } = "";

    /// <summary>Fixed IP address.</summary>
    public string IpAddress { get; set; } = "";

    /// <summary>MAC address.</summary>
    public string MacAddress { get; set; } = "";

    /// <summary>Server (or router) using the port; empty when unbound.</summary>
    public string DeviceId { get; set; } = "";

    /// <summary><c>compute:nova</c>, <c>network:router_interface</c>...</summary>
    public string DeviceOwner { get; set; } = "";

    /// <summary>Security groups applied.</summary>
    public List<string> SecurityGroupIds { get; set; } = [];

    /// <summary>Admin state.</summary>
    public bool AdminStateUp { get; set; } = true;

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";
}
