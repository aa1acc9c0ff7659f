using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary>Neutron v2.0 at <c>/sites/&lt;site&gt;/network/v2.0</c> (no microversions).</summary>
public sealed class NetworkModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "network";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<NetworkEntity>();
        registry.Register<Subnet>();
        registry.Register<Port>();
        registry.Register<Router>();
        registry.Register<FloatingIp>();
        registry.Register<SecurityGroup>();
        registry.Register<SecurityGroupRule>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime) => runtime.AddSiteService(new SiteService("network", s => s.Offers("network"), KeystoneAuth: true));

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("network")))
        {
            TenantNetworks.EnsurePublic(tx, runtime, site);
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        routes.MapGet("/sites/{site}/network", (HttpContext ctx) => HttpJson.Json(new JsonObject
        {
            ["versions"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "v2.0",
                    ["status"] = "CURRENT",
                    ["links"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/network/v2.0/" } },
                },
            },
        }));
        var v2 = routes.MapGroup("/sites/{site}/network/v2.0");
        v2.MapGet("", () => HttpJson.Json(new JsonObject { ["resources"] = new JsonArray() }));
        NetworkRoutes.Map(v2, runtime);
        PortRoutes.Map(v2, runtime);
        FloatingIpRoutes.Map(v2, runtime);
        SecurityGroupRoutes.Map(v2, runtime);
        NetworkQuotaRoutes.Map(v2, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
    }
}
