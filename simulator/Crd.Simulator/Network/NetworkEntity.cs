using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron network.</summary>
[SimCollection("network.networks")]
public sealed class NetworkEntity : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary><c>router:external</c>: floating IPs are allocated from it; visible to every project.</summary>
    public bool External { get; set; }

    /// <summary>Shared with every project.</summary>
    public bool Shared { get; set; }

    /// <summary>MTU.</summary>
    public int Mtu { get; set; } = 1450;

    /// <summary>Admin state.</summary>
    public bool AdminStateUp { get; set; } = true;

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Tags.</summary>
    public List<string> Tags { get; set; } = [];
}
