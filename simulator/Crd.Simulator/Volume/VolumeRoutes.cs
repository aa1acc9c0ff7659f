using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Volume;

/// <summary><c>/v3/{project}/volumes</c>: create, list (+ /detail), show, update, delete.</summary>
public static class VolumeRoutes
{
    private static readonly string[] DeletableStatuses = ["available", "error", "error_restoring", "error_extending", "error_managing"];

    /// <summary>Maps the routes on the project group.</summary>
    public static void Map(RouteGroupBuilder project, SimRuntime runtime)
    {
        project.MapPost("/volumes", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("volume");
            var version = Microversion.Of(ctx, VolumeModule.MinVersion);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var volume = Create(tx, runtime, ctx.SiteConfig(), ctx.Token(), spec);
                return VolumeView.Detail(tx, volume, version, VolumeModule.Url(ctx));
            });
            return HttpJson.Json(new JsonObject { ["volume"] = json }, 202);
        });
        project.MapGet("/volumes", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: false));
        project.MapGet("/volumes/detail", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: true));
        project.MapGet("/volumes/{id}", async (HttpContext ctx, string id) =>
        {
            var version = Microversion.Of(ctx, VolumeModule.MinVersion);
            var json = await runtime.Store.ExecuteAsync(tx => VolumeView.Detail(tx, Find(tx, ctx, id), version, VolumeModule.Url(ctx)));
            return HttpJson.Json(new JsonObject { ["volume"] = json });
        });
        project.MapPut("/volumes/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("volume");
            var version = Microversion.Of(ctx, VolumeModule.MinVersion);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var volume = Find(tx, ctx, id);
                if (spec.ContainsKey("name"))
                {
                    volume.Name = spec.OptString("name");
                }
                if (spec.ContainsKey("description"))
                {
                    volume.Description = spec.OptString("description");
                }
                volume.Metadata = spec.OptStringMap("metadata") ?? volume.Metadata;
                volume.UpdatedAt = tx.Now;
                tx.Put(volume);
                return VolumeView.Detail(tx, volume, version, VolumeModule.Url(ctx));
            });
            return HttpJson.Json(new JsonObject { ["volume"] = json });
        });
        project.MapDelete("/volumes/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var volume = Find(tx, ctx, id);
                if (volume.Pending == "delete")
                {
                    return;
                }
                if (!DeletableStatuses.Contains(volume.Status) || volume.Attachments.Count > 0)
                {
                    throw ApiException.BadRequest("Invalid volume: Volume status must be available or error or error_restoring or error_extending " +
                        "or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, " +
                        "or be disassociated from snapshots after volume transfer.");
                }
                volume.Status = "deleting";
                volume.Pending = "delete";
                volume.DueAt = runtime.Due(tx, volume.Site, "volume", runtime.Config.DeleteSeconds);
                volume.UpdatedAt = tx.Now;
                tx.Put(volume);
            });
            return Results.StatusCode(202);
        });
    }

    /// <summary>The volume <paramref name="id"/> of the token's project, or Cinder's 404.</summary>
    public static VolumeEntity Find(StoreTransaction tx, HttpContext ctx, string id)
    {
        var token = ctx.Token();
        return tx.Find<VolumeEntity>(id) is { } volume && volume.Site == token.Site && (volume.ProjectId == token.ProjectId || token.IsAdmin)
            ? volume
            : throw ApiException.NotFound($"Volume {id} could not be found.");
    }

    private static VolumeEntity Create(StoreTransaction tx, SimRuntime runtime, SiteConfig site, TokenInfo token, JsonObject spec)
    {
        var projectId = token.RequireProject();
        var project = tx.Find<Project>(projectId) ?? throw TokenService.Unauthorized();
        var size = spec.OptInt("size");
        string? imageId = null;
        if (spec.OptString("imageRef") is { } imageRef)
        {
            var image = tx.Find<Image.ImageEntity>(imageRef) is { } i && i.Site == site.Name && (i.Visibility == "public" || i.ProjectId == projectId)
                ? i
                : throw ApiException.BadRequest("Invalid image identifier or unable to access requested image.");
            size ??= image.MinDiskGb;
            if (size < image.MinDiskGb)
            {
                throw ApiException.BadRequest($"Invalid input received: Volume size {size}GB cannot be smaller than the image minDisk size {image.MinDiskGb}GB.");
            }
            imageId = image.Id;
        }
        if (spec.OptString("snapshot_id") is { } snapshot)
        {
            throw ApiException.NotFound($"Snapshot {snapshot} could not be found.");
        }
        if (spec.OptString("source_volid") is { } source)
        {
            var original = tx.Find<VolumeEntity>(source) is { } v && v.Site == site.Name && v.ProjectId == projectId
                ? v
                : throw ApiException.NotFound($"Volume {source} could not be found.");
            size ??= original.Size;
        }
        if (size is not { } gigabytes || gigabytes < 1)
        {
            throw ApiException.BadRequest($"Invalid input received: 'size' parameter must be between 1 and 2147483647, got {spec["size"]?.ToJsonString() ?? "None"}.");
        }
        var types = tx.OfSite<VolumeType>(site.Name).ToList();
        var typeName = spec.OptString("volume_type");
        var type = typeName is null
            ? types.FirstOrDefault(t => t.IsDefault)
            : types.FirstOrDefault(t => t.Name == typeName || t.Id == typeName)
              ?? throw ApiException.NotFound($"Volume type with name {typeName} could not be found.");
        var zone = spec.OptString("availability_zone");
        if (zone is not null && zone != "nova")
        {
            throw ApiException.BadRequest($"Invalid input received: Availability zone '{zone}' is invalid.");
        }
        var metadata = spec.OptStringMap("metadata") ?? [];
        VolumeUsage.Check(tx, project, 1, gigabytes);
        var volume = new VolumeEntity
        {
            Id = SimRuntime.NewUuid(),
            Site = site.Name,
            ProjectId = projectId,
            UserId = token.UserId,
            Name = spec.OptString("name"),
            Description = spec.OptString("description"),
            Size = gigabytes,
            VolumeType = type?.Name ?? "",
            ImageId = imageId,
            Metadata = metadata,
            Status = "creating",
            Pending = "create",
            DueAt = runtime.Due(tx, site.Name, "volume", runtime.Config.VolumeSeconds),
            CreatedAt = tx.Now,
            UpdatedAt = tx.Now,
        };
        if (runtime.Faults.BuildFault(site.Name, "volume", "/" + projectId + "/volumes") is { } rule)
        {
            volume.FailMessage = rule.Message ?? "Volume creation failed (injected by crd-sim).";
        }
        tx.Put(volume);
        return volume;
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, bool detail)
    {
        var token = ctx.Token();
        var query = ctx.Request.Query;
        var version = Microversion.Of(ctx, VolumeModule.MinVersion);
        var name = query["name"].ToString();
        var status = query["status"].ToString();
        var allTenants = token.IsAdmin && query["all_tenants"].ToString() is "1" or "true" or "True";
        var limit = int.TryParse(query["limit"], out var l) && l >= 0 ? l : 1000;
        var marker = query["marker"].ToString();
        var url = VolumeModule.Url(ctx);
        var items = await runtime.Store.ExecuteAsync(tx =>
        {
            var volumes = tx.OfSite<VolumeEntity>(token.Site, allTenants ? null : token.RequireProject())
                .Where(v => name.Length == 0 || v.Name == name)
                .Where(v => status.Length == 0 || v.Status == status)
                .OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
            if (marker.Length > 0)
            {
                var at = volumes.FindIndex(v => v.Id == marker);
                volumes = at < 0 ? throw ApiException.NotFound($"Marker {marker} could not be found.") : volumes[(at + 1)..];
            }
            return new JsonArray([.. volumes.Take(limit).Select(v => (JsonNode)(detail ? VolumeView.Detail(tx, v, version, url) : VolumeView.Summary(v, url)))]);
        });
        return HttpJson.Json(new JsonObject { ["volumes"] = items });
    }
}
