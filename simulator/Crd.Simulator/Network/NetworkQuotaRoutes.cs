using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary><c>/v2.0/quotas/{project}</c> (+ <c>/details.json</c>, PUT, DELETE).</summary>
public static class NetworkQuotaRoutes
{
    /// <summary>Maps the routes on the v2.0 group.</summary>
    public static void Map(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/quotas/{projectId}/details.json", async (HttpContext ctx, string projectId) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var project = FindProject(tx, ctx, projectId);
            return new JsonObject { ["quota"] = Render(project.Quota, Usage(tx, project)) };
        })));
        v2.MapGet("/quotas/{projectId}", async (HttpContext ctx, string projectId) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["quota"] = Render(FindProject(tx, ctx, projectId.Replace(".json", "", StringComparison.Ordinal)).Quota, null) })));
        v2.MapPut("/quotas/{projectId}", async (HttpContext ctx, string projectId) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("quota");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                RequireAdmin(ctx);
                var project = FindProject(tx, ctx, projectId);
                var quota = project.Quota.Clone();
                quota.FloatingIps = spec.OptInt("floatingip") ?? quota.FloatingIps;
                quota.Networks = spec.OptInt("network") ?? quota.Networks;
                quota.Subnets = spec.OptInt("subnet") ?? quota.Subnets;
                quota.Ports = spec.OptInt("port") ?? quota.Ports;
                quota.SecurityGroups = spec.OptInt("security_group") ?? quota.SecurityGroups;
                quota.SecurityGroupRules = spec.OptInt("security_group_rule") ?? quota.SecurityGroupRules;
                project.Quota = quota;
                tx.Put(project);
                return new JsonObject { ["quota"] = Render(quota, null) };
            }));
        });
        v2.MapDelete("/quotas/{projectId}", async (HttpContext ctx, string projectId) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                RequireAdmin(ctx);
                var project = FindProject(tx, ctx, projectId);
                var defaults = ctx.SiteConfig().Quota;
                project.Quota.FloatingIps = defaults.FloatingIps;
                project.Quota.Networks = defaults.Networks;
                project.Quota.Subnets = defaults.Subnets;
                project.Quota.Ports = defaults.Ports;
                project.Quota.SecurityGroups = defaults.SecurityGroups;
                project.Quota.SecurityGroupRules = defaults.SecurityGroupRules;
                tx.Put(project);
            });
            return Results.NoContent();
        });
    }

    private static Dictionary<string, int> Usage(StoreTransaction tx, Project p) => new()
    {
        ["floatingip"] = tx.OfSite<FloatingIp>(p.Site, p.Id).Count(),
        ["network"] = tx.OfSite<NetworkEntity>(p.Site, p.Id).Count(),
        ["subnet"] = tx.OfSite<Subnet>(p.Site, p.Id).Count(),
        ["port"] = tx.OfSite<Port>(p.Site, p.Id).Count(),
        ["router"] = tx.OfSite<Router>(p.Site, p.Id).Count(),
        ["security_group"] = tx.OfSite<SecurityGroup>(p.Site, p.Id).Count(),
        ["security_group_rule"] = tx.OfSite<SecurityGroupRule>(p.Site, p.Id).Count(),
    };

    private static JsonObject Render(QuotaConfig q, Dictionary<string, int>? used)
    {
        var json = new JsonObject();
        void Add(string name, int limit) =>
            json[name] = used is null ? limit : new JsonObject { ["used"] = used.GetValueOrDefault(name), ["limit"] = limit, ["reserved"] = 0 };
        Add("floatingip", q.FloatingIps);
        Add("network", q.Networks);
        Add("subnet", q.Subnets);
        Add("port", q.Ports);
        Add("router", 10);
        Add("security_group", q.SecurityGroups);
        Add("security_group_rule", q.SecurityGroupRules);
        Add("subnetpool", -1);
        Add("rbac_policy", 10);
        Add("trunk", -1);
        return json;
    }

    private static Project FindProject(StoreTransaction tx, HttpContext ctx, string projectId)
    {
        var token = ctx.Token();
        if (projectId != token.ProjectId && !token.IsAdmin)
        {
            throw new ApiException(403, "(rule:get_quota) is disallowed by policy", "PolicyNotAuthorized");
        }
        return tx.Find<Project>(projectId) is { } p && p.Site == token.Site ? p : throw ApiException.NotFound($"Project {projectId} could not be found.");
    }

    private static void RequireAdmin(HttpContext ctx)
    {
        if (!ctx.Token().IsAdmin)
        {
            throw new ApiException(403, "(rule:update_quota) is disallowed by policy", "PolicyNotAuthorized");
        }
    }
}
