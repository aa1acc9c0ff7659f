using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Crd.Simulator.Volume;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary>
/// <c>/servers/{id}/os-volume_attachments</c>. The attachment lives on the Cinder volume, so Nova and
/// Cinder always agree; the volume goes attaching -> in-use and detaching -> available on the clock.
/// </summary>
public static class VolumeAttachmentRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        var group = v21.MapGroup("/servers/{id}/os-volume_attachments");
        group.MapGet("", async (HttpContext ctx, string id) =>
        {
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var server = ServerRoutes.Find(tx, ctx, id);
                var items = Attachments(tx, server).Select(a => (JsonNode)Json(a.Volume, a.Attachment, version));
                return new JsonObject { ["volumeAttachments"] = new JsonArray([.. items]) };
            }));
        });
        group.MapGet("/{volumeId}", async (HttpContext ctx, string id, string volumeId) =>
        {
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var server = ServerRoutes.Find(tx, ctx, id);
                var found = Attachments(tx, server).FirstOrDefault(a => a.Volume.Id == volumeId);
                return found.Volume is null
                    ? throw ApiException.NotFound($"Volume {volumeId} is not attached to instance {id}.")
                    : new JsonObject { ["volumeAttachment"] = Json(found.Volume, found.Attachment, version) };
            }));
        });
        group.MapPost("", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("volumeAttachment");
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var server = ServerRoutes.Find(tx, ctx, id);
                if (server.TaskState is not null || server.VmState is not ("active" or "stopped"))
                {
                    throw ServerLifecycle.Conflict(server, "attach_volume");
                }
                var volumeId = spec.RequireString("volumeId");
                var volume = tx.Find<VolumeEntity>(volumeId) is { } v && v.Site == server.Site && v.ProjectId == server.ProjectId
                    ? v
                    : throw ApiException.NotFound($"Volume {volumeId} could not be found.");
                if (volume.Status != "available" || volume.Attachments.Count > 0)
                {
                    throw ApiException.BadRequest($"Invalid volume: volume {volumeId} status must be available, but current status is: {volume.Status}");
                }
                var used = Attachments(tx, server).Select(a => a.Attachment.Device).ToHashSet();
                var device = spec.OptString("device") is { Length: > 0 } wanted && !used.Contains(wanted)
                    ? wanted
                    : Enumerable.Range('b', 24).Select(c => "/dev/vd" + (char)c).First(d => !used.Contains(d));
                var attachment = new VolumeAttachmentRecord
                {
                    AttachmentId = SimRuntime.NewUuid(),
                    ServerId = server.Id,
                    Device = device,
                    Tag = spec.OptString("tag"),
                    DeleteOnTermination = spec.OptBool("delete_on_termination") ?? false,
                    AttachedAt = tx.Now,
                };
                volume.Attachments.Add(attachment);
                volume.Status = "attaching";
                volume.Pending = "attach";
                volume.DueAt = runtime.Due(tx, volume.Site, "volume", runtime.Config.VolumeSeconds);
                volume.UpdatedAt = tx.Now;
                tx.Put(volume);
                return new JsonObject { ["volumeAttachment"] = Json(volume, attachment, version) };
            }));
        });
        group.MapDelete("/{volumeId}", async (HttpContext ctx, string id, string volumeId) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var server = ServerRoutes.Find(tx, ctx, id);
                var found = Attachments(tx, server).FirstOrDefault(a => a.Volume.Id == volumeId);
                if (found.Volume is null)
                {
                    throw ApiException.NotFound($"Volume {volumeId} is not attached to instance {id}.");
                }
                if (found.Attachment.Device == "/dev/vda")
                {
                    throw ApiException.BadRequest("Cannot detach a root device volume");
                }
                if (server.TaskState is not null || found.Volume.Status != "in-use")
                {
                    throw ApiException.Conflict($"Cannot 'detach_volume' instance {id} while volume {volumeId} is {found.Volume.Status}");
                }
                found.Volume.Status = "detaching";
                found.Volume.Pending = "detach";
                found.Volume.DueAt = runtime.Due(tx, server.Site, "volume", runtime.Config.VolumeSeconds);
                found.Volume.UpdatedAt = tx.Now;
                tx.Put(found.Volume);
            });
            return Results.StatusCode(202);
        });
    }

    private static List<(VolumeEntity Volume, VolumeAttachmentRecord Attachment)> Attachments(StoreTransaction tx, Server server) =>
        [.. tx.OfSite<VolumeEntity>(server.Site, server.ProjectId)
            .SelectMany(v => v.Attachments.Where(a => a.ServerId == server.Id).Select(a => (v, a)))
            .OrderBy(x => x.a.Device, StringComparer.Ordinal)];

    private static JsonObject Json(VolumeEntity volume, VolumeAttachmentRecord attachment, Microversion version)
    {
        var json = new JsonObject
        {
            ["device"] = attachment.Device,
            ["serverId"] = attachment.ServerId,
            ["volumeId"] = volume.Id,
        };
        if (version < new Microversion(2, 89))
        {
            json["id"] = volume.Id;
        }
        if (version >= new Microversion(2, 70))
        {
            json["tag"] = attachment.Tag;
        }
        if (version >= new Microversion(2, 79))
        {
            json["delete_on_termination"] = attachment.DeleteOnTermination;
        }
        if (version >= new Microversion(2, 89))
        {
            json["attachment_id"] = attachment.AttachmentId;
            json["bdm_uuid"] = attachment.AttachmentId;
        }
        return json;
    }
}
