using Crd.Simulator.State;

namespace Crd.Simulator.Image;

/// <summary>A Glance image.</summary>
[SimCollection("image.images")]
public sealed class ImageEntity : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Status (<c>active</c>, <c>queued</c>, <c>deactivated</c>...).</summary>
    public string Status { get; set; } = "active";

    /// <summary><c>public</c>, <c>private</c>, <c>shared</c>, <c>community</c>.</summary>
    public string Visibility { get; set; } = "public";

    /// <summary>Minimum disk in GB.</summary>
    public int MinDiskGb { get; set; }

    /// <summary>Minimum RAM in MiB.</summary>
    public int MinRamMb { get; set; }

    /// <summary>File size in bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>Disk format.</summary>
    public string DiskFormat { get; set; } = "qcow2";

    /// <summary>Container format.</summary>
    public string ContainerFormat { get; set; } = "bare";

    /// <summary>Additional properties (<c>os_distro</c>, <c>kube_version</c>...), shown as top-level keys.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>Tags.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Protected from deletion.</summary>
    public bool Protected { get; set; }

    /// <summary>MD5 checksum of the file (opaque here).</summary>
    public string Checksum { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last update.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
