using System.Text.Json.Nodes;
using Crd.Cloud.Volume;

namespace Crd.Cloud.Compute;

/// <summary>
/// Nova's <c>/servers/{id}/os-volume_attachments</c>: how a volume is attached to a VM (Cinder's
/// own attachment API is for non-Nova consumers). Nova answers before the attach is done; the
/// caller waits until Nova's list and Cinder's status agree.
/// </summary>
public sealed class VolumeAttachmentClient(SiteSession session)
{
    /// <summary>Compute microversion for these calls (2.79: <c>delete_on_termination</c> in answers).</summary>
    public const string Microversion = "2.79";

    /// <summary><c>POST</c>: asks Nova to attach <paramref name="volumeId"/> to <paramref name="serverId"/>; the device is Nova's choice.</summary>
    public async Task<ServerVolumeAttachment> AttachAsync(string serverId, string volumeId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["volumeAttachment"] = new JsonObject { ["volumeId"] = volumeId } };
        var response = await session.SendAsync(CloudRequest.Post(CloudService.Compute, Path(serverId), body, Microversion), cancellationToken).ConfigureAwait(false);
        return ServerVolumeAttachment.FromJson(response.Object("volumeAttachment"));
    }

    /// <summary><c>GET</c>: the volumes attached to <paramref name="serverId"/> as Nova sees them.</summary>
    public async Task<IReadOnlyList<ServerVolumeAttachment>> ListAsync(string serverId, CancellationToken cancellationToken)
    {
        var response = await session.SendAsync(CloudRequest.Get(CloudService.Compute, Path(serverId), Microversion), cancellationToken).ConfigureAwait(false);
        return response.Array("volumeAttachments").OfType<JsonObject>().Select(ServerVolumeAttachment.FromJson).ToList();
    }

    /// <summary><c>DELETE</c>: asks Nova to detach; false when Nova says it is not attached (or the server is gone).</summary>
    public async Task<bool> DetachAsync(string serverId, string volumeId, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(CloudRequest.Delete(CloudService.Compute, Path(serverId) + "/" + Uri.EscapeDataString(volumeId), Microversion), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private static string Path(string serverId) => "/servers/" + Uri.EscapeDataString(serverId) + "/os-volume_attachments";
}
