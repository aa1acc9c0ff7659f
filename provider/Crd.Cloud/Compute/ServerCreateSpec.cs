namespace Crd.Cloud.Compute;

/// <summary>What <see cref="NovaClient.CreateServerAsync"/> sends as <c>POST /servers</c>.</summary>
public sealed record ServerCreateSpec
{
    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Flavor id.</summary>
    public required string FlavorId { get; init; }

    /// <summary>Image id (the boot volume's source when <see cref="BootVolumeSizeGb"/> is set).</summary>
    public required string ImageId { get; init; }

    /// <summary>Network id of the single NIC.</summary>
    public required string NetworkId { get; init; }

    /// <summary>Security group ids (Nova accepts names or ids; ids are unambiguous).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>Key pair name.</summary>
    public string? KeyName { get; init; }

    /// <summary>Cloud-init user data as text; encoded to base64 on the wire.</summary>
    public string? UserData { get; init; }

    /// <summary>Metadata, without the request marker (added by the client).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags (sent at create time, 2.52+).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Availability zone.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>When set, boot from a new volume of this size made from the image, deleted with the server.</summary>
    public int? BootVolumeSizeGb { get; init; }

    /// <summary>
    /// A unique marker stored in the metadata key <see cref="NovaClient.RequestMarkerKey"/>: when the
    /// answer to the POST is lost, the server is found again by it instead of being orphaned or duplicated.
    /// </summary>
    public required string RequestMarker { get; init; }
}
