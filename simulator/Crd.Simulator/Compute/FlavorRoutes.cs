using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary><c>/flavors</c>, <c>/flavors/detail</c>, <c>/flavors/{id}</c>, <c>/flavors/{id}/os-extra_specs</c>.</summary>
public static class FlavorRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        v21.MapGet("/flavors", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: false));
        v21.MapGet("/flavors/detail", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: true));
        v21.MapGet("/flavors/{id}", async (HttpContext ctx, string id) =>
        {
            var flavor = await FindAsync(ctx, runtime, id);
            return HttpJson.Json(new JsonObject { ["flavor"] = Json(flavor, true, ctx) });
        });
        v21.MapGet("/flavors/{id}/os-extra_specs", async (HttpContext ctx, string id) =>
        {
            var flavor = await FindAsync(ctx, runtime, id);
            return HttpJson.Json(new JsonObject { ["extra_specs"] = flavor.ExtraSpecs.ToJson() });
        });
    }

    private static async Task<Flavor> FindAsync(HttpContext ctx, SimRuntime runtime, string id)
    {
        var site = ctx.SiteConfig().Name;
        var flavor = await runtime.Store.ExecuteAsync(tx => tx.Find<Flavor>(id));
        return flavor is not null && flavor.Site == site ? flavor : throw ApiException.NotFound($"Flavor {id} could not be found.");
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, bool detail)
    {
        var site = ctx.SiteConfig().Name;
        var minRam = int.TryParse(ctx.Request.Query["minRam"], out var r) ? r : 0;
        var minDisk = int.TryParse(ctx.Request.Query["minDisk"], out var d) ? d : 0;
        var flavors = await runtime.Store.ExecuteAsync(tx => tx.OfSite<Flavor>(site)
            .Where(f => f.RamMb >= minRam && f.DiskGb >= minDisk)
            .OrderBy(f => f.RamMb).ThenBy(f => f.Vcpus).ThenBy(f => f.Name, StringComparer.Ordinal).ToList());
        return HttpJson.Json(new JsonObject { ["flavors"] = new JsonArray([.. flavors.Select(f => (JsonNode)Json(f, detail, ctx))]) });
    }

    private static JsonObject Json(Flavor flavor, bool detail, HttpContext ctx)
    {
        var version = Microversion.Of(ctx, ComputeModule.MinVersion);
        var json = new JsonObject
        {
            ["id"] = flavor.Id,
            ["name"] = flavor.Name,
            ["links"] = ServerView.Links(ComputeModule.Url(ctx), "flavors", flavor.Id),
        };
        if (version >= new Microversion(2, 55))
        {
            json["description"] = null;
        }
        if (!detail)
        {
            return json;
        }
        json["vcpus"] = flavor.Vcpus;
        json["ram"] = flavor.RamMb;
        json["disk"] = flavor.DiskGb;
        json["OS-FLV-EXT-DATA:ephemeral"] = 0;
        json["swap"] = version >= new Microversion(2, 75) ? 0 : "";
        json["rxtx_factor"] = 1.0;
        json["os-flavor-access:is_public"] = true;
        json["OS-FLV-DISABLED:disabled"] = false;
        if (version >= new Microversion(2, 61))
        {
            json["extra_specs"] = flavor.ExtraSpecs.ToJson();
        }
        return json;
    }
}
