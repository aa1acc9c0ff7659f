using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron floating IP.</summary>
[SimCollection("network.floatingips")]
public sealed class FloatingIp : Entity
{
    /// <summary>External network it was allocated from.</summary>
    public string FloatingNetworkId { get; set; } = "";

    /// <summary>The public address.</summary>
    public string FloatingIpAddress { get; set; } = "";

    /// <summary>Associated port, or null.</summary>
    public string? PortId { get; set; }

    /// <summary>Fixed IP of the associated port, or null.</summary>
    public string? FixedIpAddress { get; set; }

    /// <summary>Router doing the NAT, or null.</summary>
    public string? RouterId { get; set; }

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
