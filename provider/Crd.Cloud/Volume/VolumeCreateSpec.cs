namespace Crd.Cloud.Volume;

/// <summary>What <see cref="CinderClient.CreateAsync"/> sends in <c>POST /volumes</c>.</summary>
/// <param name="Name">Volume name.</param>
/// <param name="SizeGb">Size in GB.</param>
public sealed record VolumeCreateSpec(string? Name, int SizeGb)
{
    /// <summary>Description (omitted when null).</summary>
    public string? Description { get; init; }

    /// <summary>Volume type name or id (omitted: the site's default type).</summary>
    public string? VolumeType { get; init; }

    /// <summary>Glance image id to copy into the volume (omitted: a blank volume).</summary>
    public string? ImageId { get; init; }

    /// <summary>Volume metadata, e.g. the request marker that lets a lost create be found again.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
