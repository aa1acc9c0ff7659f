namespace Crd.Cloud.Image;

/// <summary>A Glance image.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Name">Name (may be empty).</param>
/// <param name="Status">Glance status (<c>active</c>...).</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="MinDiskGb">Minimum disk.</param>
/// <param name="MinRamMb">Minimum RAM.</param>
/// <param name="SizeBytes">Image size, if known.</param>
/// <param name="Visibility">public, private, shared or community.</param>
/// <param name="Tags">Image tags.</param>
/// <param name="Properties">Custom properties (<c>os_distro</c>, <c>kube_version</c>...), string-valued.</param>
public sealed record Image(
    string Id,
    string Name,
    string Status,
    DateTimeOffset? CreatedAt,
    long MinDiskGb,
    long MinRamMb,
    long? SizeBytes,
    string Visibility,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Properties);
