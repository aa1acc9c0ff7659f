using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>A public marketplace offering: one <c>OpenStack.Tenant</c> offering per compute site, with one plan.</summary>
[SimCollection("portal.offerings")]
public sealed class Offering : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Offering type.</summary>
    public string Type { get; set; } = "OpenStack.Tenant";

    /// <summary>State (Active).</summary>
    public string State { get; set; } = "Active";

    /// <summary>Provider customer uuid.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The plan's uuid.</summary>
    public string PlanId { get; set; } = "";

    /// <summary>Monthly price per unit of each component (cores, ram in MiB, storage in MiB).</summary>
    public Dictionary<string, decimal> Prices { get; set; } = [];

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
