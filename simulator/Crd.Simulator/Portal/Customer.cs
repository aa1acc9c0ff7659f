using Crd.Simulator.State;

namespace Crd.Simulator.Portal;

/// <summary>A Waldur customer (organisation).</summary>
[SimCollection("portal.customers")]
public sealed class Customer : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Abbreviation.</summary>
    public string Abbreviation { get; set; } = "";

    /// <summary>Contact e-mail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Owners (user ids); staff see every customer.</summary>
    public List<string> OwnerIds { get; set; } = [];

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
