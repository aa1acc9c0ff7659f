using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary><c>/v2.0/networks</c>, <c>/v2.0/subnets</c>, <c>/v2.0/routers</c>.</summary>
public static class NetworkRoutes
{
    /// <summary>Maps the routes on the v2.0 group.</summary>
    public static void Map(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/networks", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "networks", tx =>
            tx.OfSite<NetworkEntity>(ctx.Token().Site).Where(n => NeutronAccess.Visible(ctx.Token(), n)).OrderBy(n => n.CreatedAt)
                .Select(n => NeutronJson.Network(tx, n))));
        v2.MapGet("/networks/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["network"] = NeutronJson.Network(tx, NeutronAccess.Network(tx, ctx, id)) })));
        v2.MapPost("/networks", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("network");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var token = ctx.Token();
                var project = token.RequireProject();
                NeutronAccess.CheckQuota(tx, token.Site, project, "network", q => q.Networks, tx.OfSite<NetworkEntity>(token.Site, project).Count());
                var network = new NetworkEntity
                {
                    Id = SimRuntime.NewUuid(),
                    Site = token.Site,
                    ProjectId = project,
                    Name = spec.OptString("name") ?? "",
                    Description = spec.OptString("description") ?? "",
                    AdminStateUp = spec.OptBool("admin_state_up") ?? true,
                    Mtu = spec.OptInt("mtu") ?? 1450,
                    CreatedAt = tx.Now,
                };
                if ((spec.OptBool("router:external") ?? false) || (spec.OptBool("shared") ?? false))
                {
                    throw new ApiException(403, "(rule:create_network and rule:create_network:shared) is disallowed by policy", "PolicyNotAuthorized");
                }
                tx.Put(network);
                return new JsonObject { ["network"] = NeutronJson.Network(tx, network) };
            }), 201);
        });
        v2.MapPut("/networks/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("network");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var network = NeutronAccess.Owned<NetworkEntity>(tx, ctx, id, $"Network {id} could not be found.", "NetworkNotFound");
                network.Name = spec.OptString("name") ?? network.Name;
                network.Description = spec.OptString("description") ?? network.Description;
                network.AdminStateUp = spec.OptBool("admin_state_up") ?? network.AdminStateUp;
                tx.Put(network);
                return new JsonObject { ["network"] = NeutronJson.Network(tx, network) };
            }));
        });
        v2.MapDelete("/networks/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var network = NeutronAccess.Owned<NetworkEntity>(tx, ctx, id, $"Network {id} could not be found.", "NetworkNotFound");
                if (tx.OfSite<Port>(network.Site).Any(p => p.NetworkId == id && p.DeviceOwner != "network:router_interface"))
                {
                    throw ApiException.Conflict($"Unable to complete operation on network {id}. There are one or more ports still in use on the network.", "NetworkInUse");
                }
                foreach (var subnet in tx.OfSite<Subnet>(network.Site).Where(s => s.NetworkId == id).ToList())
                {
                    tx.Delete(subnet);
                }
                tx.Delete(network);
            });
            return Results.NoContent();
        });
        MapSubnets(v2, runtime);
        v2.MapGet("/routers", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "routers", tx =>
            tx.OfSite<Router>(ctx.Token().Site).Where(r => NeutronAccess.Visible(ctx.Token(), r)).Select(NeutronJson.Router)));
        v2.MapGet("/routers/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["router"] = NeutronJson.Router(NeutronAccess.Find<Router>(tx, ctx, id, $"Router {id} could not be found", "RouterNotFound")) })));
    }

    private static void MapSubnets(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/subnets", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "subnets", tx =>
            tx.OfSite<Subnet>(ctx.Token().Site)
                .Where(s => NeutronAccess.Visible(ctx.Token(), s) || (tx.Find<NetworkEntity>(s.NetworkId) is { } n && NeutronAccess.Visible(ctx.Token(), n)))
                .OrderBy(s => s.CreatedAt).Select(NeutronJson.Subnet)));
        v2.MapGet("/subnets/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var subnet = tx.Find<Subnet>(id);
            var visible = subnet is not null && (NeutronAccess.Visible(ctx.Token(), subnet)
                || (tx.Find<NetworkEntity>(subnet.NetworkId) is { } n && NeutronAccess.Visible(ctx.Token(), n)));
            return visible ? new JsonObject { ["subnet"] = NeutronJson.Subnet(subnet!) } : throw ApiException.NotFound($"Subnet {id} could not be found.", "SubnetNotFound");
        })));
        v2.MapPost("/subnets", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("subnet");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var token = ctx.Token();
                var network = NeutronAccess.Owned<NetworkEntity>(tx, ctx, spec.RequireString("network_id"), $"Network {spec.OptString("network_id")} could not be found.", "NetworkNotFound");
                var cidr = Ipv4Cidr.TryParse(spec.RequireString("cidr")) is { IsAllocatable: true } parsed
                    ? parsed
                    : throw ApiException.BadRequest($"Invalid input for cidr. Reason: '{spec.OptString("cidr")}' is not a valid IP subnet.");
                if ((spec.OptInt("ip_version") ?? 4) != 4)
                {
                    throw ApiException.BadRequest("Invalid input for operation: only IPv4 subnets are simulated.");
                }
                NeutronAccess.CheckQuota(tx, token.Site, network.ProjectId, "subnet", q => q.Subnets, tx.OfSite<Subnet>(token.Site, network.ProjectId).Count());
                var subnet = new Subnet
                {
                    Id = SimRuntime.NewUuid(),
                    Site = token.Site,
                    ProjectId = network.ProjectId,
                    Name = spec.OptString("name") ?? "",
                    NetworkId = network.Id,
                    Cidr = cidr.ToString(),
                    GatewayIp = spec.OptString("gateway_ip") ?? cidr.Gateway,
                    EnableDhcp = spec.OptBool("enable_dhcp") ?? true,
                    DnsNameservers = spec.OptStringList("dns_nameservers") ?? [],
                    CreatedAt = tx.Now,
                };
                tx.Put(subnet);
                return new JsonObject { ["subnet"] = NeutronJson.Subnet(subnet) };
            }), 201);
        });
        v2.MapDelete("/subnets/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var subnet = NeutronAccess.Owned<Subnet>(tx, ctx, id, $"Subnet {id} could not be found.", "SubnetNotFound");
                if (tx.OfSite<Port>(subnet.Site).Any(p => p.SubnetId == id))
                {
                    throw ApiException.Conflict($"Unable to complete operation on subnet {id}: One or more ports have an IP allocation from this subnet.", "SubnetInUse");
                }
                tx.Delete(subnet);
            });
            return Results.NoContent();
        });
    }
}
