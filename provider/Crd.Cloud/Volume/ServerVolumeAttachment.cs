using System.Text.Json.Nodes;

namespace Crd.Cloud.Volume;

/// <summary>A volume attachment as Nova's <c>os-volume_attachments</c> shows it.</summary>
/// <param name="ServerId">Server id.</param>
/// <param name="VolumeId">Volume id.</param>
/// <param name="Device">Device path (<c>/dev/vdb</c>), if Nova reports one.</param>
public sealed record ServerVolumeAttachment(string ServerId, string VolumeId, string? Device)
{
    /// <summary>Reads one <c>volumeAttachment</c> object.</summary>
    public static ServerVolumeAttachment FromJson(JsonObject json) => new(
        json["serverId"]?.GetValue<string>() ?? "",
        json["volumeId"]?.GetValue<string>() ?? "",
        json["device"]?.GetValue<string>() is { Length: > 0 } device ? device : null);
}
