using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary><c>/os-quota-sets/{project}</c> (+ /detail, /defaults, PUT, DELETE), <c>/limits</c>, <c>/os-availability-zone</c>.</summary>
public static class ComputeQuotaRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        v21.MapGet("/os-quota-sets/{projectId}", (HttpContext ctx, string projectId) => ShowAsync(ctx, runtime, projectId, detail: false));
        v21.MapGet("/os-quota-sets/{projectId}/detail", (HttpContext ctx, string projectId) => ShowAsync(ctx, runtime, projectId, detail: true));
        v21.MapGet("/os-quota-sets/{projectId}/defaults", (HttpContext ctx, string projectId) =>
        {
            var site = ctx.SiteConfig();
            return HttpJson.Json(new JsonObject { ["quota_set"] = Render(projectId, site.Quota, null, Microversion.Of(ctx, ComputeModule.MinVersion)) });
        });
        v21.MapPut("/os-quota-sets/{projectId}", async (HttpContext ctx, string projectId) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("quota_set");
            RequireAdmin(ctx, "update");
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var project = FindProject(tx, ctx, projectId);
                var force = spec.OptBool("force") ?? false;
                var used = ComputeUsage.OfProject(tx, project.Site, project.Id);
                var quota = project.Quota.Clone();
                Set(spec, "cores", used.Cores, force, v => quota.Cores = v);
                Set(spec, "instances", used.Instances, force, v => quota.Instances = v);
                Set(spec, "ram", used.RamMb, force, v => quota.RamGb = v < 0 ? -1 : (v + 1023) / 1024);
                Set(spec, "key_pairs", 0, force, v => quota.KeyPairs = v);
                project.Quota = quota;
                tx.Put(project);
                return new JsonObject { ["quota_set"] = Render(null, quota, null, version) };
            }));
        });
        v21.MapDelete("/os-quota-sets/{projectId}", async (HttpContext ctx, string projectId) =>
        {
            RequireAdmin(ctx, "delete");
            await runtime.Store.ExecuteAsync(tx =>
            {
                var project = FindProject(tx, ctx, projectId);
                var defaults = ctx.SiteConfig().Quota;
                project.Quota.Cores = defaults.Cores;
                project.Quota.RamGb = defaults.RamGb;
                project.Quota.Instances = defaults.Instances;
                project.Quota.KeyPairs = defaults.KeyPairs;
                tx.Put(project);
            });
            return Results.StatusCode(202);
        });
        v21.MapGet("/limits", async Task<IResult> (HttpContext ctx) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var project = FindProject(tx, ctx, ctx.Token().RequireProject());
            var used = ComputeUsage.OfProject(tx, project.Site, project.Id);
            var q = project.Quota;
            return new JsonObject
            {
                ["limits"] = new JsonObject
                {
                    ["rate"] = new JsonArray(),
                    ["absolute"] = new JsonObject
                    {
                        ["maxTotalCores"] = q.Cores,
                        ["maxTotalInstances"] = q.Instances,
                        ["maxTotalRAMSize"] = q.RamGb < 0 ? -1 : q.RamGb * 1024,
                        ["maxTotalKeypairs"] = q.KeyPairs,
                        ["maxServerMeta"] = 128,
                        ["maxServerGroups"] = 10,
                        ["maxServerGroupMembers"] = 10,
                        ["totalCoresUsed"] = used.Cores,
                        ["totalInstancesUsed"] = used.Instances,
                        ["totalRAMUsed"] = used.RamMb,
                        ["totalServerGroupsUsed"] = 0,
                    },
                },
            };
        })));
        v21.MapGet("/os-availability-zone", () => HttpJson.Json(new JsonObject
        {
            ["availabilityZoneInfo"] = new JsonArray
            {
                new JsonObject { ["zoneName"] = "nova", ["zoneState"] = new JsonObject { ["available"] = true }, ["hosts"] = null },
            },
        }));
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, SimRuntime runtime, string projectId, bool detail)
    {
        var version = Microversion.Of(ctx, ComputeModule.MinVersion);
        return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var project = FindProject(tx, ctx, projectId);
            var used = ComputeUsage.OfProject(tx, project.Site, project.Id);
            var keypairs = tx.OfSite<Keypair>(project.Site).Count(k => k.UserId == ctx.Token().UserId);
            return new JsonObject { ["quota_set"] = Render(project.Id, project.Quota, detail ? (used.Instances, used.Cores, used.RamMb, keypairs) : null, version) };
        }));
    }

    private static JsonObject Render(string? projectId, QuotaConfig q, (int Instances, int Cores, int RamMb, int KeyPairs)? used, Microversion version)
    {
        var json = new JsonObject();
        if (projectId is not null)
        {
            json["id"] = projectId;
        }
        void Add(string name, int limit, int inUse) =>
            json[name] = used is null ? limit : new JsonObject { ["in_use"] = inUse, ["limit"] = limit, ["reserved"] = 0 };
        Add("cores", q.Cores, used?.Cores ?? 0);
        Add("instances", q.Instances, used?.Instances ?? 0);
        Add("ram", q.RamGb < 0 ? -1 : q.RamGb * 1024, used?.RamMb ?? 0);
        Add("key_pairs", q.KeyPairs, used?.KeyPairs ?? 0);
        Add("metadata_items", 128, 0);
        Add("server_groups", 10, 0);
        Add("server_group_members", 10, 0);
        if (version < new Microversion(2, 57))
        {
            Add("injected_files", 5, 0);
            Add("injected_file_content_bytes", 10240, 0);
            Add("injected_file_path_bytes", 255, 0);
        }
        if (version < new Microversion(2, 36))
        {
            Add("floating_ips", q.FloatingIps, 0);
            Add("fixed_ips", -1, 0);
            Add("security_groups", q.SecurityGroups, 0);
            Add("security_group_rules", q.SecurityGroupRules, 0);
        }
        return json;
    }

    private static void Set(JsonObject spec, string name, int used, bool force, Action<int> assign)
    {
        if (spec.OptInt(name) is not { } value)
        {
            return;
        }
        if (value < -1)
        {
            throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {value}. {value} is less than the minimum of -1");
        }
        if (!force && value >= 0 && value < used)
        {
            throw ApiException.BadRequest($"Quota limit {value} for {name} must be greater than or equal to already used and reserved {used}.");
        }
        assign(value);
    }

    private static Project FindProject(StoreTransaction tx, HttpContext ctx, string projectId)
    {
        var token = ctx.Token();
        if (projectId != token.ProjectId && !token.IsAdmin)
        {
            throw new ApiException(403, "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.");
        }
        return tx.Find<Project>(projectId) is { } project && project.Site == token.Site
            ? project
            : throw ApiException.NotFound($"Project {projectId} could not be found.");
    }

    private static void RequireAdmin(HttpContext ctx, string verb)
    {
        if (!ctx.Token().IsAdmin)
        {
            throw new ApiException(403, $"Policy doesn't allow os_compute_api:os-quota-sets:{verb} to be performed.");
        }
    }
}
