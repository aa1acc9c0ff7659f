using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Magnum <c>/v1/clustertemplates</c>: list, detail, show, create, delete.</summary>
public static class TemplateRoutes
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime)
    {
        v1.MapGet("/clustertemplates", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, false));
        v1.MapGet("/clustertemplates/detail", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, true));
        v1.MapGet("/clustertemplates/{ident}", async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx => ClusterJson.Template(MagnumLookup.Template(tx, token, ident), ClusterRoutes.V1(ctx), true)));
        });
        v1.MapPost("/clustertemplates", async (HttpContext ctx) =>
        {
            var token = ctx.Token();
            var project = token.RequireProject();
            var body = await ctx.ReadObjectAsync();
            var coe = body.RequireString("coe");
            if (coe != "kubernetes")
            {
                throw ApiException.BadRequest($"Cluster type ({body.OptString("server_type") ?? "vm"}, {coe}) not supported.");
            }
            var isPublic = body.OptBool("public") ?? false;
            if (isPublic && !token.IsAdmin)
            {
                throw new ApiException(403, "Policy doesn't allow clustertemplate:publish to be performed.");
            }
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var image = MagnumLookup.Image(tx, token.Site, body.RequireString("image_id"));
                if (!image.Properties.ContainsKey("os_distro"))
                {
                    throw ApiException.BadRequest($"Image {image.Id} doesn't contain os_distro field.");
                }
                var flavor = body.OptString("flavor_id") is { } f ? MagnumLookup.Flavor(tx, token.Site, f).Id : null;
                var masterFlavor = body.OptString("master_flavor_id") is { } m ? MagnumLookup.Flavor(tx, token.Site, m).Id : null;
                var keypair = body.OptString("keypair_id");
                if (keypair is not null)
                {
                    MagnumLookup.RequireKeypair(tx, token, keypair);
                }
                var template = new ClusterTemplate
                {
                    Id = SimRuntime.NewUuid(),
                    Site = token.Site,
                    ProjectId = project,
                    UserId = token.UserId,
                    Name = MagnumLookup.ValidName(body.OptString("name") ?? "template-" + Guid.NewGuid().ToString("N")[..8], "ClusterTemplate"),
                    Coe = coe,
                    ImageId = image.Id,
                    FlavorId = flavor,
                    MasterFlavorId = masterFlavor,
                    KeypairId = keypair,
                    ExternalNetworkId = body.OptString("external_network_id"),
                    FixedNetwork = body.OptString("fixed_network"),
                    FixedSubnet = body.OptString("fixed_subnet"),
                    NetworkDriver = body.OptString("network_driver") ?? "calico",
                    VolumeDriver = body.OptString("volume_driver") ?? "cinder",
                    DockerVolumeSize = body.OptInt("docker_volume_size"),
                    DnsNameserver = body.OptString("dns_nameserver") ?? "8.8.8.8",
                    Labels = body.OptStringMap("labels") ?? [],
                    MasterLbEnabled = body.OptBool("master_lb_enabled") ?? false,
                    FloatingIpEnabled = body.OptBool("floating_ip_enabled") ?? true,
                    Public = isPublic,
                    Hidden = body.OptBool("hidden") ?? false,
                    TlsDisabled = body.OptBool("tls_disabled") ?? false,
                    ServerType = body.OptString("server_type") ?? "vm",
                    CreatedAt = tx.Now,
                };
                tx.Put(template);
                return ClusterJson.Template(template, ClusterRoutes.V1(ctx), true);
            });
            return HttpJson.Json(json, 201);
        });
        v1.MapDelete("/clustertemplates/{ident}", async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var template = MagnumLookup.Template(tx, token, ident);
                if (template.ProjectId != token.ProjectId && !token.IsAdmin)
                {
                    throw new ApiException(403, "Policy doesn't allow clustertemplate:delete to be performed.");
                }
                if (tx.All<Cluster>().Any(c => c.TemplateId == template.Id))
                {
                    throw ApiException.BadRequest($"ClusterTemplate {template.Id} is referenced by one or multiple clusters.");
                }
                tx.Delete(template);
            });
            return Results.NoContent();
        });
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, bool detail)
    {
        var token = ctx.Token();
        var list = await runtime.Store.ExecuteAsync(tx => new JsonArray([.. tx.OfSite<ClusterTemplate>(token.Site)
            .Where(t => (t.Public || t.ProjectId == token.ProjectId || token.IsAdmin) && !t.Hidden)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (JsonNode)ClusterJson.Template(t, ClusterRoutes.V1(ctx), detail))]));
        return HttpJson.Json(new JsonObject { ["clustertemplates"] = list });
    }
}
