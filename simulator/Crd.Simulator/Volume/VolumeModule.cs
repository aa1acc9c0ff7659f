using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Volume;

/// <summary>Cinder v3 at <c>/sites/&lt;site&gt;/volume/v3/{project_id}</c>, microversions 3.0 to <see cref="MaxVersion"/>.</summary>
public sealed class VolumeModule : ISimModule
{
    /// <summary>Lowest microversion.</summary>
    public static readonly Microversion MinVersion = new(3, 0);

    /// <summary>Highest microversion served.</summary>
    public static readonly Microversion MaxVersion = new(3, 70);

    /// <inheritdoc/>
    public string Name => "volume";

    /// <summary>The volume endpoint URL (with project) of the request.</summary>
    public static string Url(HttpContext ctx) =>
        ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/volume/v3/" + ctx.Request.RouteValues["projectId"];

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<VolumeEntity>();
        registry.Register<VolumeType>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("volume", s => s.Offers("volume"), KeystoneAuth: true));
        runtime.Store.OnDue<VolumeEntity>((volume, tx) => VolumeLifecycle.Settle(volume, tx, runtime));
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("volume")))
        {
            var first = true;
            foreach (var type in site.VolumeTypes)
            {
                tx.Put(new VolumeType
                {
                    Id = runtime.DeriveUuid(site.Name, "volume_type", type.Name),
                    Site = site.Name,
                    Name = type.Name,
                    Description = type.Description,
                    IsDefault = first,
                });
                first = false;
            }
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        routes.MapGet("/sites/{site}/volume", (HttpContext ctx) => HttpJson.Json(new JsonObject { ["versions"] = new JsonArray { Version(ctx) } }));
        routes.MapGet("/sites/{site}/volume/v3", (HttpContext ctx) => HttpJson.Json(new JsonObject { ["versions"] = new JsonArray { Version(ctx) } }));
        var project = routes.MapGroup("/sites/{site}/volume/v3/{projectId}");
        project.AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            Microversion.Negotiate(ctx, "volume", null, MinVersion, MaxVersion);
            var token = ctx.Token();
            if (!string.Equals(ctx.Request.RouteValues["projectId"] as string, token.ProjectId, StringComparison.Ordinal) && !token.IsAdmin)
            {
                throw ApiException.BadRequest("Malformed request url");
            }
            return await next(context);
        });
        VolumeRoutes.Map(project, runtime);
        VolumeActions.Map(project, runtime);
        VolumeQuotaRoutes.Map(project, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
    }

    private static JsonObject Version(HttpContext ctx) => new()
    {
        ["id"] = "v3.0",
        ["status"] = "CURRENT",
        ["version"] = MaxVersion.ToString(),
        ["min_version"] = MinVersion.ToString(),
        ["updated"] = "2023-02-08T00:00:00Z",
        ["links"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/volume/v3/" } },
    };
}
