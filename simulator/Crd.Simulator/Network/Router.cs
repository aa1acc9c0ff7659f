using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron router connecting a project's subnets to the external network.</summary>
[SimCollection("network.routers")]
public sealed class Router : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>External gateway network, or null.</summary>
    public string? ExternalNetworkId { get; set; }

    /// <summary>Subnets with an interface on the router.</summary>
    public List<string> SubnetIds { get; set; } = [];

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
