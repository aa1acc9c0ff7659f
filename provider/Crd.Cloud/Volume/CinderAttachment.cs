using System.Text.Json.Nodes;

namespace Crd.Cloud.Volume;

/// <summary>One entry of a Cinder volume's <c>attachments</c>: the server it is attached to and where.</summary>
/// <param name="ServerId">Nova server id.</param>
/// <param name="Device">Device path inside the server (<c>/dev/vdb</c>), when Cinder knows it.</param>
/// <param name="AttachmentId">Cinder attachment id.</param>
public sealed record CinderAttachment(string ServerId, string? Device, string? AttachmentId)
{
    /// <summary>Reads one element of <c>volume.attachments</c>.</summary>
    public static CinderAttachment FromJson(JsonObject json) => new(
        json["server_id"]?.GetValue<string>() ?? "",
        json["device"]?.GetValue<string>() is { Length: > 0 } device ? device : null,
        json["attachment_id"]?.GetValue<string>());
}
