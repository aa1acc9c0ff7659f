using Crd.Simulator.State;

namespace Crd.Simulator.Onedata;

/// <summary>A Onezone space; its providers and sizes are the <see cref="SpaceSupport"/> records.</summary>
[SimCollection("onedata.spaces")]
public sealed class Space : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Owning Onezone user.</summary>
    public string OwnerUserId { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
