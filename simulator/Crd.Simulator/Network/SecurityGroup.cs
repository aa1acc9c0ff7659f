using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>A Neutron security group (rules are separate entities).</summary>
[SimCollection("network.security_groups")]
public sealed class SecurityGroup : Entity
{
    /// <summary>Name (<c>default</c> for the project's default group).</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>Stateful.</summary>
    public bool Stateful { get; set; } = true;

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
