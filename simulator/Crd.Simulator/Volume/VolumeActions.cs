using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Volume;

/// <summary><c>POST /volumes/{id}/action</c> (os-extend, os-retype, os-set_bootable, os-reset_status) and volume metadata.</summary>
public static class VolumeActions
{
    private static readonly Microversion OnlineExtend = new(3, 42);

    /// <summary>Maps the routes on the project group.</summary>
    public static void Map(RouteGroupBuilder project, SimRuntime runtime)
    {
        project.MapPost("/volumes/{id}/action", async (HttpContext ctx, string id) =>
        {
            var body = await ctx.ReadObjectAsync();
            if (body.Count != 1)
            {
                throw ApiException.BadRequest("Malformed request body: exactly one action is required.");
            }
            var (action, argument) = body.First();
            var spec = argument as JsonObject ?? [];
            var version = Microversion.Of(ctx, VolumeModule.MinVersion);
            await runtime.Store.ExecuteAsync(tx =>
            {
                var volume = VolumeRoutes.Find(tx, ctx, id);
                switch (action)
                {
                    case "os-extend":
                        var size = spec.OptInt("new_size") ?? throw ApiException.BadRequest("Invalid input for field/attribute new_size.");
                        var online = volume.Status == "in-use" && version >= OnlineExtend;
                        if (volume.Status != "available" && !online)
                        {
                            throw ApiException.BadRequest($"Invalid volume: Volume {id} status must be available or in-use (microversion 3.42 or later), but current status is: {volume.Status}.");
                        }
                        if (size <= volume.Size)
                        {
                            throw ApiException.BadRequest($"Invalid input received: New size for extend must be greater than current size. (current: {volume.Size}, extended: {size}).");
                        }
                        var project = tx.Find<Project>(volume.ProjectId) ?? throw TokenService.Unauthorized();
                        VolumeUsage.Check(tx, project, 0, size - volume.Size);
                        volume.PendingSize = size;
                        Begin(tx, runtime, volume, "extend", "extending");
                        break;
                    case "os-retype":
                        var typeName = spec.RequireString("new_type");
                        var type = tx.OfSite<VolumeType>(volume.Site).FirstOrDefault(t => t.Name == typeName || t.Id == typeName)
                            ?? throw ApiException.NotFound($"Volume type with name {typeName} could not be found.");
                        if (volume.Status is not ("available" or "in-use"))
                        {
                            throw ApiException.BadRequest($"Invalid volume: Volume {id} status must be available or in-use, but current status is: {volume.Status}.");
                        }
                        if (type.Name == volume.VolumeType)
                        {
                            throw ApiException.BadRequest("Invalid input received: Retype requires a different volume type.");
                        }
                        volume.PendingType = type.Name;
                        Begin(tx, runtime, volume, "retype", "retyping");
                        break;
                    case "os-set_bootable":
                        volume.ImageId = spec.OptBool("bootable") ?? false ? volume.ImageId ?? "" : null;
                        break;
                    case "os-reset_status":
                        if (!ctx.Token().IsAdmin)
                        {
                            throw new ApiException(403, "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed.");
                        }
                        volume.Status = spec.RequireString("status");
                        volume.Pending = null;
                        volume.DueAt = null;
                        break;
                    default:
                        throw ApiException.BadRequest($"There is no such action: {action}");
                }
                volume.UpdatedAt = tx.Now;
                tx.Put(volume);
            });
            return Results.StatusCode(202);
        });
        MapMetadata(project, runtime);
    }

    private static void Begin(Crd.Simulator.State.StoreTransaction tx, SimRuntime runtime, VolumeEntity volume, string pending, string status)
    {
        volume.Pending = pending;
        volume.Status = status;
        volume.DueAt = runtime.Due(tx, volume.Site, "volume", runtime.Config.VolumeSeconds);
    }

    private static void MapMetadata(RouteGroupBuilder project, SimRuntime runtime)
    {
        project.MapGet("/volumes/{id}/metadata", async (HttpContext ctx, string id) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => new JsonObject { ["metadata"] = VolumeRoutes.Find(tx, ctx, id).Metadata.ToJson() })));
        project.MapPost("/volumes/{id}/metadata", async (HttpContext ctx, string id) =>
        {
            var metadata = (await ctx.ReadObjectAsync()).OptStringMap("metadata") ?? throw ApiException.BadRequest("Malformed request body: metadata is required.");
            return HttpJson.Json(await ChangeAsync(ctx, runtime, id, v =>
            {
                foreach (var (key, value) in metadata)
                {
                    v.Metadata[key] = value;
                }
            }));
        });
        project.MapPut("/volumes/{id}/metadata", async (HttpContext ctx, string id) =>
        {
            var metadata = (await ctx.ReadObjectAsync()).OptStringMap("metadata") ?? throw ApiException.BadRequest("Malformed request body: metadata is required.");
            return HttpJson.Json(await ChangeAsync(ctx, runtime, id, v => v.Metadata = metadata));
        });
        project.MapGet("/volumes/{id}/metadata/{key}", async (HttpContext ctx, string id, string key) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => VolumeRoutes.Find(tx, ctx, id).Metadata.TryGetValue(key, out var value)
                ? new JsonObject { ["meta"] = new JsonObject { [key] = value } }
                : throw ApiException.NotFound($"Volume {id} has no metadata with key {key}."))));
        project.MapPut("/volumes/{id}/metadata/{key}", async (HttpContext ctx, string id, string key) =>
        {
            var meta = (await ctx.ReadObjectAsync()).OptStringMap("meta") ?? throw ApiException.BadRequest("Malformed request body: meta is required.");
            if (!meta.TryGetValue(key, out var value) || meta.Count != 1)
            {
                throw ApiException.BadRequest("Request body and URI mismatch");
            }
            await ChangeAsync(ctx, runtime, id, v => v.Metadata[key] = value);
            return HttpJson.Json(new JsonObject { ["meta"] = new JsonObject { [key] = value } });
        });
        project.MapDelete("/volumes/{id}/metadata/{key}", async (HttpContext ctx, string id, string key) =>
        {
            await ChangeAsync(ctx, runtime, id, v =>
            {
                if (!v.Metadata.Remove(key))
                {
                    throw ApiException.NotFound($"Volume {id} has no metadata with key {key}.");
                }
            });
            return Results.Ok();
        });
    }

    private static Task<JsonObject> ChangeAsync(HttpContext ctx, SimRuntime runtime, string id, Action<VolumeEntity> change) =>
        runtime.Store.ExecuteAsync(tx =>
        {
            var volume = VolumeRoutes.Find(tx, ctx, id);
            change(volume);
            volume.UpdatedAt = tx.Now;
            tx.Put(volume);
            return new JsonObject { ["metadata"] = volume.Metadata.ToJson() };
        });
}
