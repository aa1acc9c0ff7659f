using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Volume;

/// <summary>Cinder <c>/os-quota-sets/{target}</c> (+ /defaults, PUT, DELETE), <c>/limits</c>, <c>/types</c>.</summary>
public static class VolumeQuotaRoutes
{
    /// <summary>Maps the routes on the project group.</summary>
    public static void Map(RouteGroupBuilder project, SimRuntime runtime)
    {
        project.MapGet("/os-quota-sets/{target}", async (HttpContext ctx, string target) =>
        {
            var usage = ctx.Request.Query["usage"].ToString() is "true" or "True" or "1";
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var p = FindProject(tx, ctx, target, "show");
                var used = VolumeUsage.OfProject(tx, p.Site, p.Id);
                return new JsonObject { ["quota_set"] = Render(tx, p.Id, p.Site, p.Quota, usage ? used : null) };
            }));
        });
        project.MapGet("/os-quota-sets/{target}/defaults", async (HttpContext ctx, string target) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => new JsonObject { ["quota_set"] = Render(tx, target, ctx.SiteConfig().Name, ctx.SiteConfig().Quota, null) })));
        project.MapPut("/os-quota-sets/{target}", async (HttpContext ctx, string target) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("quota_set");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                RequireAdmin(ctx, "update");
                var p = FindProject(tx, ctx, target, "update");
                var used = VolumeUsage.OfProject(tx, p.Site, p.Id);
                var quota = p.Quota.Clone();
                Set(p.Id, spec, "volumes", used.Volumes, v => quota.Volumes = v);
                Set(p.Id, spec, "gigabytes", used.Gigabytes, v => quota.StorageGb = v);
                p.Quota = quota;
                tx.Put(p);
                return new JsonObject { ["quota_set"] = Render(tx, null, p.Site, quota, null) };
            }));
        });
        project.MapDelete("/os-quota-sets/{target}", async (HttpContext ctx, string target) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                RequireAdmin(ctx, "delete");
                var p = FindProject(tx, ctx, target, "delete");
                p.Quota.Volumes = ctx.SiteConfig().Quota.Volumes;
                p.Quota.StorageGb = ctx.SiteConfig().Quota.StorageGb;
                tx.Put(p);
            });
            return Results.Ok();
        });
        project.MapGet("/limits", async Task<IResult> (HttpContext ctx) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var p = FindProject(tx, ctx, ctx.Token().RequireProject(), "show");
            var used = VolumeUsage.OfProject(tx, p.Site, p.Id);
            return new JsonObject
            {
                ["limits"] = new JsonObject
                {
                    ["rate"] = new JsonArray(),
                    ["absolute"] = new JsonObject
                    {
                        ["maxTotalVolumes"] = p.Quota.Volumes,
                        ["maxTotalVolumeGigabytes"] = p.Quota.StorageGb,
                        ["maxTotalSnapshots"] = 10,
                        ["maxTotalBackups"] = 10,
                        ["maxTotalBackupGigabytes"] = 1000,
                        ["totalVolumesUsed"] = used.Volumes,
                        ["totalGigabytesUsed"] = used.Gigabytes,
                        ["totalSnapshotsUsed"] = 0,
                        ["totalBackupsUsed"] = 0,
                        ["totalBackupGigabytesUsed"] = 0,
                    },
                },
            };
        })));
        project.MapGet("/types", async Task<IResult> (HttpContext ctx) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx => new JsonObject
        {
            ["volume_types"] = new JsonArray([.. tx.OfSite<VolumeType>(ctx.SiteConfig().Name).OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (JsonNode)VolumeView.Type(t))]),
        })));
        project.MapGet("/types/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var types = tx.OfSite<VolumeType>(ctx.SiteConfig().Name).ToList();
            var type = (id == "default" ? types.FirstOrDefault(t => t.IsDefault) : types.FirstOrDefault(t => t.Id == id))
                ?? throw ApiException.NotFound($"Volume type {id} could not be found.");
            return new JsonObject { ["volume_type"] = VolumeView.Type(type) };
        })));
    }

    private static JsonObject Render(StoreTransaction tx, string? id, string site, QuotaConfig q, (int Volumes, int Gigabytes)? used)
    {
        var json = new JsonObject();
        if (id is not null)
        {
            json["id"] = id;
        }
        void Add(string name, int limit, int inUse) =>
            json[name] = used is null ? limit : new JsonObject { ["limit"] = limit, ["in_use"] = inUse, ["reserved"] = 0, ["allocated"] = 0 };
        Add("volumes", q.Volumes, used?.Volumes ?? 0);
        Add("gigabytes", q.StorageGb, used?.Gigabytes ?? 0);
        Add("snapshots", 10, 0);
        Add("backups", 10, 0);
        Add("backup_gigabytes", 1000, 0);
        Add("per_volume_gigabytes", -1, 0);
        Add("groups", 10, 0);
        foreach (var type in tx.OfSite<VolumeType>(site))
        {
            Add("volumes_" + type.Name, -1, 0);
            Add("gigabytes_" + type.Name, -1, 0);
            Add("snapshots_" + type.Name, -1, 0);
        }
        return json;
    }

    private static void Set(string projectId, JsonObject spec, string name, int used, Action<int> assign)
    {
        if (spec.OptInt(name) is not { } value)
        {
            return;
        }
        if (value < -1 || (value >= 0 && value < used))
        {
            throw ApiException.BadRequest($"Invalid input received: Quota limit invalid for project '{projectId}' for resource '{name}': " +
                $"limit of {value} must be greater than or equal to already used and reserved {used}.");
        }
        assign(value);
    }

    private static Project FindProject(StoreTransaction tx, HttpContext ctx, string target, string verb)
    {
        var token = ctx.Token();
        if (target != token.ProjectId && !token.IsAdmin)
        {
            throw new ApiException(403, $"Policy doesn't allow volume_extension:quotas:{verb} to be performed.");
        }
        return tx.Find<Project>(target) is { } p && p.Site == token.Site ? p : throw ApiException.NotFound($"Project {target} could not be found.");
    }

    private static void RequireAdmin(HttpContext ctx, string verb)
    {
        if (!ctx.Token().IsAdmin)
        {
            throw new ApiException(403, $"Policy doesn't allow volume_extension:quotas:{verb} to be performed.");
        }
    }
}
