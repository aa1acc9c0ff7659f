using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary>
/// <c>/v2.0/floatingips</c>: allocate from an external network (409 IpAddressGenerationFailure when
/// the pool is exhausted, 409 OverQuota past the quota), associate/disassociate with PUT port_id.
/// </summary>
public static class FloatingIpRoutes
{
    /// <summary>Maps the routes on the v2.0 group.</summary>
    public static void Map(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/floatingips", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "floatingips", tx =>
            tx.OfSite<FloatingIp>(ctx.Token().Site).Where(f => NeutronAccess.Visible(ctx.Token(), f)).OrderBy(f => f.CreatedAt).Select(NeutronJson.FloatingIp)));
        v2.MapGet("/floatingips/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["floatingip"] = NeutronJson.FloatingIp(Find(tx, ctx, id)) })));
        v2.MapPost("/floatingips", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("floatingip");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var token = ctx.Token();
                var project = token.RequireProject();
                var networkId = spec.RequireString("floating_network_id");
                var network = NeutronAccess.Network(tx, ctx, networkId);
                if (!network.External)
                {
                    throw ApiException.BadRequest($"Bad floatingip request: Network {networkId} is not a valid external network.");
                }
                NeutronAccess.CheckQuota(tx, token.Site, project, "floatingip", q => q.FloatingIps, tx.OfSite<FloatingIp>(token.Site, project).Count());
                var subnet = tx.OfSite<Subnet>(token.Site).FirstOrDefault(s => s.NetworkId == networkId)
                    ?? throw ApiException.Conflict($"No more IP addresses available on network {networkId}.", "IpAddressGenerationFailure");
                var used = tx.OfSite<FloatingIp>(token.Site).Where(f => f.FloatingNetworkId == networkId).Select(f => f.FloatingIpAddress)
                    .Append(subnet.GatewayIp).ToHashSet(StringComparer.Ordinal);
                var cidr = Ipv4Cidr.TryParse(subnet.Cidr)!.Value;
                var address = spec.OptString("floating_ip_address");
                if (address is not null && used.Contains(address))
                {
                    throw ApiException.Conflict($"IP address {address} already allocated in subnet {subnet.Id}", "IpAddressAlreadyAllocated");
                }
                address ??= cidr.Allocate(used) ?? throw ApiException.Conflict($"No more IP addresses available on network {networkId}.", "IpAddressGenerationFailure");
                var floating = new FloatingIp
                {
                    Id = SimRuntime.NewUuid(),
                    Site = token.Site,
                    ProjectId = project,
                    FloatingNetworkId = networkId,
                    FloatingIpAddress = address,
                    Description = spec.OptString("description") ?? "",
                    CreatedAt = tx.Now,
                };
                if (spec.OptString("port_id") is { } portId)
                {
                    Associate(tx, ctx, floating, portId, spec.OptString("fixed_ip_address"));
                }
                tx.Put(floating);
                return new JsonObject { ["floatingip"] = NeutronJson.FloatingIp(floating) };
            }), 201);
        });
        v2.MapPut("/floatingips/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("floatingip");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var floating = Find(tx, ctx, id);
                if (spec.ContainsKey("port_id"))
                {
                    if (spec.OptString("port_id") is { } portId)
                    {
                        Associate(tx, ctx, floating, portId, spec.OptString("fixed_ip_address"));
                    }
                    else
                    {
                        floating.PortId = null;
                        floating.FixedIpAddress = null;
                        floating.RouterId = null;
                    }
                }
                floating.Description = spec.OptString("description") ?? floating.Description;
                tx.Put(floating);
                return new JsonObject { ["floatingip"] = NeutronJson.FloatingIp(floating) };
            }));
        });
        v2.MapDelete("/floatingips/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx => tx.Delete(Find(tx, ctx, id)));
            return Results.NoContent();
        });
    }

    private static FloatingIp Find(StoreTransaction tx, HttpContext ctx, string id) =>
        NeutronAccess.Find<FloatingIp>(tx, ctx, id, $"Floating IP {id} could not be found", "FloatingIPNotFound");

    private static void Associate(StoreTransaction tx, HttpContext ctx, FloatingIp floating, string portId, string? fixedIp)
    {
        var port = NeutronAccess.Find<Port>(tx, ctx, portId, $"Port {portId} could not be found.", "PortNotFound");
        if (fixedIp is not null && fixedIp != port.IpAddress)
        {
            throw ApiException.BadRequest($"Bad floatingip request: Port {portId} does not have fixed ip {fixedIp}.");
        }
        var router = tx.OfSite<Router>(port.Site).FirstOrDefault(r => r.SubnetIds.Contains(port.SubnetId) && r.ExternalNetworkId == floating.FloatingNetworkId)
            ?? throw ApiException.NotFound($"External network {floating.FloatingNetworkId} is not reachable from subnet {port.SubnetId}. " +
                $"Therefore, cannot associate Port {portId} with a Floating IP.", "ExternalGatewayForFloatingIPNotFound");
        if (tx.OfSite<FloatingIp>(port.Site).FirstOrDefault(f => f.PortId == portId && f.Id != floating.Id) is { } other)
        {
            throw ApiException.Conflict($"Cannot associate floating IP {floating.FloatingIpAddress} ({floating.Id}) with port {portId} using fixed IP " +
                $"{port.IpAddress}, as that fixed IP already has a floating IP on external network {other.FloatingNetworkId}.", "FloatingIPPortAlreadyAssociated");
        }
        floating.PortId = port.Id;
        floating.FixedIpAddress = port.IpAddress;
        floating.RouterId = router.Id;
    }
}
