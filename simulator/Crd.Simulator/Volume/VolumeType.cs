using Crd.Simulator.State;

namespace Crd.Simulator.Volume;

/// <summary>A Cinder volume type of a site.</summary>
[SimCollection("volume.types")]
public sealed class VolumeType : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string Description { get; set; } = "";

    /// <summary>True for the site's default type.</summary>
    public bool IsDefault { get; set; }
}
