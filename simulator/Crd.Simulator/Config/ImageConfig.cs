namespace Crd.Simulator.Config;

/// <summary>A public Glance image.</summary>
public sealed class ImageConfig
{
    /// <summary>Image name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Minimum disk in GB.</summary>
    public int MinDiskGb { get; set; } = 10;

    /// <summary>Size of the image file in bytes.</summary>
    public long SizeBytes { get; set; } = 600L * 1024 * 1024;

    /// <summary>Extra properties (e.g. <c>os_distro</c>, <c>kube_version</c>).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}
