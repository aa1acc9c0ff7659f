using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary><c>/v2.0/ports</c>: list (filters such as device_id, network_id), show, create, update, delete.</summary>
public static class PortRoutes
{
    /// <summary>Maps the routes on the v2.0 group.</summary>
    public static void Map(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/ports", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "ports", tx =>
            tx.OfSite<Port>(ctx.Token().Site).Where(p => NeutronAccess.Visible(ctx.Token(), p)).OrderBy(p => p.CreatedAt).Select(NeutronJson.Port)));
        v2.MapGet("/ports/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["port"] = NeutronJson.Port(Find(tx, ctx, id)) })));
        v2.MapPost("/ports", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("port");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var token = ctx.Token();
                var project = token.RequireProject();
                var network = NeutronAccess.Network(tx, ctx, spec.RequireString("network_id"));
                NeutronAccess.CheckQuota(tx, token.Site, project, "port", q => q.Ports, tx.OfSite<Port>(token.Site, project).Count());
                string? subnetId = null, fixedIp = null;
                if (spec["fixed_ips"] is JsonArray fixedIps && fixedIps.FirstOrDefault() is JsonObject first)
                {
                    subnetId = first.OptString("subnet_id");
                    fixedIp = first.OptString("ip_address");
                }
                var groups = Groups(tx, ctx, spec) ?? DefaultGroup(tx, token.Site, project);
                var port = PortAllocator.Create(tx, network, project, subnetId, fixedIp, groups, spec.OptString("name") ?? "",
                    spec.OptString("device_id") ?? "", spec.OptString("device_owner") ?? "");
                port.Description = spec.OptString("description") ?? "";
                port.AdminStateUp = spec.OptBool("admin_state_up") ?? true;
                tx.Put(port);
                return new JsonObject { ["port"] = NeutronJson.Port(port) };
            }), 201);
        });
        v2.MapPut("/ports/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("port");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var port = Find(tx, ctx, id);
                var groups = Groups(tx, ctx, spec);
                port.Name = spec.OptString("name") ?? port.Name;
                port.Description = spec.OptString("description") ?? port.Description;
                port.AdminStateUp = spec.OptBool("admin_state_up") ?? port.AdminStateUp;
                if (groups is not null)
                {
                    port.SecurityGroupIds = groups;
                }
                tx.Put(port);
                return new JsonObject { ["port"] = NeutronJson.Port(port) };
            }));
        });
        v2.MapDelete("/ports/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var port = Find(tx, ctx, id);
                if (port.DeviceOwner.StartsWith("network:", StringComparison.Ordinal))
                {
                    throw ApiException.Conflict($"Port {id} cannot be deleted directly via the port API: has device owner {port.DeviceOwner}.", "ServicePortInUse");
                }
                PortAllocator.Delete(tx, port);
            });
            return Results.NoContent();
        });
    }

    private static Port Find(StoreTransaction tx, HttpContext ctx, string id) =>
        NeutronAccess.Find<Port>(tx, ctx, id, $"Port {id} could not be found.", "PortNotFound");

    private static List<string>? Groups(StoreTransaction tx, HttpContext ctx, JsonObject spec) =>
        spec.OptStringList("security_groups") is { } list
            ? [.. list.Select(id =>
                NeutronAccess.Find<SecurityGroup>(tx, ctx, id, $"Security group {id} does not exist", "SecurityGroupNotFound").Id)]
            : null;

    private static List<string> DefaultGroup(StoreTransaction tx, string site, string project) =>
        [.. tx.OfSite<SecurityGroup>(site, project).Where(g => g.Name == "default").Select(g => g.Id).Take(1)];
}
