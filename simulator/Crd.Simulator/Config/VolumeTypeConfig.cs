namespace Crd.Simulator.Config;

/// <summary>A Cinder volume type.</summary>
public sealed class VolumeTypeConfig
{
    /// <summary>Type name (<c>nvme</c>, <c>hdd</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Description shown by Cinder.</summary>
    public string Description { get; set; } = "";
}
