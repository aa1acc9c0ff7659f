using System.Text.Json.Nodes;

namespace Crd.Cloud.Volume;

/// <summary>A Cinder volume as <c>GET /volumes/{id}</c> shows it, attachments included.</summary>
/// <param name="Id">Volume id.</param>
/// <param name="Name">Name (null when unnamed).</param>
/// <param name="Description">Description (null when unset).</param>
/// <param name="SizeGb">Size in GB.</param>
/// <param name="Status">Cinder status: creating, downloading, available, attaching, in-use, detaching, extending, retyping, deleting, error...</param>
/// <param name="VolumeType">Type name.</param>
/// <param name="VolumeTypeId">Type id (microversion 3.63 and later), null otherwise.</param>
/// <param name="ImageId">Source image id (<c>volume_image_metadata.image_id</c>), null for a blank volume.</param>
/// <param name="ImageName">Source image name as Cinder recorded it, null when unknown.</param>
/// <param name="Metadata">Volume metadata.</param>
/// <param name="Attachments">Servers the volume is attached to (at most one without multiattach).</param>
public sealed record CinderVolume(
    string Id,
    string? Name,
    string? Description,
    int SizeGb,
    string Status,
    string VolumeType,
    string? VolumeTypeId,
    string? ImageId,
    string? ImageName,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<CinderAttachment> Attachments)
{
    /// <summary>The attachment, or null when detached.</summary>
    public CinderAttachment? Attachment => Attachments.Count > 0 ? Attachments[0] : null;

    /// <summary>True for the statuses in which nothing is in progress and actions are accepted.</summary>
    public bool IsSettled => Status is "available" or "in-use";

    /// <summary>True for Cinder's failure statuses (<c>error</c>, <c>error_extending</c>, <c>error_deleting</c>...).</summary>
    public bool IsFailed => Status.StartsWith("error", StringComparison.Ordinal);

    /// <summary>Reads the <c>volume</c> object of a Cinder answer.</summary>
    public static CinderVolume FromJson(JsonObject json)
    {
        var image = json["volume_image_metadata"] as JsonObject;
        return new CinderVolume(
            json["id"]?.GetValue<string>() ?? throw new CloudProtocolException("Cinder returned a volume without an id"),
            json["name"]?.GetValue<string>(),
            json["description"]?.GetValue<string>(),
            json["size"]?.GetValue<int>() ?? 0,
            json["status"]?.GetValue<string>() ?? "",
            json["volume_type"]?.GetValue<string>() ?? "",
            json["volume_type_id"]?.GetValue<string>(),
            image?["image_id"]?.GetValue<string>() is { Length: > 0 } imageId ? imageId : null,
            image?["image_name"]?.GetValue<string>() is { Length: > 0 } imageName ? imageName : null,
            (json["metadata"] as JsonObject)?.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal),
            (json["attachments"] as JsonArray)?.OfType<JsonObject>().Select(CinderAttachment.FromJson).Where(a => a.ServerId.Length > 0).ToList() ?? []);
    }
}
