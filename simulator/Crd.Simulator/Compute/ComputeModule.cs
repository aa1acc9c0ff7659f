using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary>Nova v2.1 at <c>/sites/&lt;site&gt;/compute/v2.1</c>, microversions 2.1 to <see cref="MaxVersion"/>.</summary>
public sealed class ComputeModule : ISimModule
{
    /// <summary>Lowest microversion.</summary>
    public static readonly Microversion MinVersion = new(2, 1);

    /// <summary>Highest microversion served (the highest research/apis.md names).</summary>
    public static readonly Microversion MaxVersion = new(2, 89);

    /// <inheritdoc/>
    public string Name => "compute";

    /// <summary>The compute endpoint URL of the request's site.</summary>
    public static string Url(HttpContext ctx) => ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/compute/v2.1";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<Server>();
        registry.Register<Flavor>();
        registry.Register<Keypair>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("compute", s => s.Offers("compute"), KeystoneAuth: true));
        runtime.Store.OnDue<Server>(ServerLifecycle.Settle);
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("compute")))
        {
            foreach (var flavor in site.Flavors)
            {
                var entity = new Flavor
                {
                    Id = runtime.DeriveUuid(site.Name, "flavor", flavor.Name),
                    Site = site.Name,
                    Name = flavor.Name,
                    Vcpus = flavor.Vcpus,
                    RamMb = flavor.RamGb * 1024,
                    DiskGb = flavor.DiskGb,
                    Gpus = flavor.Gpus,
                };
                if (flavor.Gpus > 0)
                {
                    entity.ExtraSpecs["resources:VGPU"] = flavor.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                tx.Put(entity);
            }
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        routes.MapGet("/sites/{site}/compute", (HttpContext ctx) => HttpJson.Json(new JsonObject { ["versions"] = new JsonArray { Version(ctx) } }));
        var v21 = routes.MapGroup("/sites/{site}/compute/v2.1");
        v21.AddEndpointFilter(async (context, next) =>
        {
            Microversion.Negotiate(context.HttpContext, "compute", "X-OpenStack-Nova-API-Version", MinVersion, MaxVersion);
            return await next(context);
        });
        v21.MapGet("", (HttpContext ctx) => HttpJson.Json(new JsonObject { ["version"] = Version(ctx) }));
        ServerRoutes.Map(v21, runtime);
        ServerActions.Map(v21, runtime);
        ServerDetailRoutes.Map(v21, runtime);
        VolumeAttachmentRoutes.Map(v21, runtime);
        FlavorRoutes.Map(v21, runtime);
        KeypairRoutes.Map(v21, runtime);
        ComputeQuotaRoutes.Map(v21, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
    }

    private static JsonObject Version(HttpContext ctx) => new()
    {
        ["id"] = "v2.1",
        ["status"] = "CURRENT",
        ["version"] = MaxVersion.ToString(),
        ["min_version"] = MinVersion.ToString(),
        ["updated"] = "2013-07-23T11:33:21Z",
        ["links"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = Url(ctx) + "/" } },
    };
}
