using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Image;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// Magnum v1 at <c>/sites/&lt;site&gt;/container-infra/v1</c> on sites offering <c>k8s</c>:
/// cluster templates, clusters, nodegroups, certificates; microversions 1.1 to 1.10.
/// </summary>
public sealed class ContainerInfraModule : ISimModule
{
    /// <summary>Lowest microversion.</summary>
    public static readonly Microversion MinVersion = new(1, 1);

    /// <summary>Highest microversion.</summary>
    public static readonly Microversion MaxVersion = new(1, 10);

    /// <summary>Name of the seeded public template.</summary>
    public const string DefaultTemplate = "k8s-v1.30";

    /// <summary>Image of the seeded template.</summary>
    public const string DefaultImage = "ubuntu-22.04-kube-v1.30";

    /// <inheritdoc/>
    public string Name => "container-infra";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<ClusterTemplate>();
        registry.Register<Cluster>();
        registry.Register<Nodegroup>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("container-infra", s => s.Offers("k8s"), KeystoneAuth: true));
        runtime.Errors.Register("container-infra", MagnumErrors.Render);
        runtime.Store.OnDue<Cluster>(ClusterLifecycle.Settle);
        runtime.Store.OnDue<Nodegroup>(ClusterLifecycle.SettleNodegroup);
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("k8s")))
        {
            var image = tx.OfSite<ImageEntity>(site.Name).FirstOrDefault(i => i.Name == DefaultImage);
            if (image is null)
            {
                continue;
            }
            var admin = runtime.DeriveId(site.Name, "project", IdentityModule.AdminProject);
            tx.Put(new ClusterTemplate
            {
                Id = runtime.DeriveUuid(site.Name, "cluster_template", DefaultTemplate),
                Site = site.Name,
                ProjectId = admin,
                UserId = runtime.DeriveId(site.Name, "user", IdentityModule.AdminProject),
                Name = DefaultTemplate,
                ImageId = image.Id,
                FlavorId = "m1.medium",
                MasterFlavorId = "m1.medium",
                ExternalNetworkId = "public",
                Public = true,
                MasterLbEnabled = true,
                FloatingIpEnabled = false,
                Labels = new Dictionary<string, string>
                {
                    ["kube_tag"] = image.Properties.GetValueOrDefault("kube_version") ?? "v1.30.2",
                    ["monitoring_enabled"] = "false",
                    ["auto_healing_enabled"] = "true",
                    ["auto_scaling_enabled"] = "false",
                    ["boot_volume_size"] = "20",
                    ["boot_volume_type"] = "nvme",
                    ["csi_cinder_availability_zone"] = "nova",
                    ["capi_helm_chart_version"] = "0.10.1",
                },
                CreatedAt = tx.Now,
            });
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        var settings = MagnumSettings.From(runtime.Config);
        routes.MapGet("/sites/{site}/container-infra", (HttpContext ctx) => HttpJson.Json(new JsonObject
        {
            ["name"] = "OpenStack Magnum API",
            ["description"] = "Magnum is an OpenStack project which aims to provide container cluster management.",
            ["default_version"] = Version(ctx),
            ["versions"] = new JsonArray { Version(ctx) },
        }));
        var v1 = routes.MapGroup("/sites/{site}/container-infra/v1");
        v1.AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            Microversion.Negotiate(ctx, "container-infra", null, MinVersion, MaxVersion);
            ctx.Response.Headers["OpenStack-API-Minimum-Version"] = "container-infra " + MinVersion;
            ctx.Response.Headers["OpenStack-API-Maximum-Version"] = "container-infra " + MaxVersion;
            return await next(context);
        });
        v1.MapGet("", (HttpContext ctx) => HttpJson.Json(new JsonObject
        {
            ["id"] = "v1",
            ["media_types"] = new JsonArray { new JsonObject { ["base"] = "application/json", ["type"] = "application/vnd.openstack.magnum.v1+json" } },
            ["links"] = ClusterJson.Links(ClusterRoutes.V1(ctx)),
        }));
        TemplateRoutes.Map(v1, runtime);
        ClusterRoutes.Map(v1, runtime, settings);
        NodegroupRoutes.Map(v1, runtime, settings);
        CertificateRoutes.Map(v1, runtime);
        QuotaRoutes.Map(v1, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("k8s")))
        {
            description.Endpoints.Add(($"{site.Name} magnum", description.BaseUrl + "/sites/" + site.Name + "/container-infra/v1"));
        }
    }

    /// <summary>The negotiated version; 406 when it is below 1.<paramref name="minor"/> (the call does not exist there).</summary>
    public static Microversion Require(HttpContext ctx, int minor)
    {
        var version = Microversion.Of(ctx, MinVersion);
        if (version < new Microversion(1, minor))
        {
            throw new ApiException(406, $"Version {version} was requested but the requested API is only available from version 1.{minor}.");
        }
        return version;
    }

    private static JsonObject Version(HttpContext ctx) => new()
    {
        ["id"] = "v1",
        ["status"] = "CURRENT",
        ["min_version"] = MinVersion.ToString(),
        ["max_version"] = MaxVersion.ToString(),
        ["links"] = new JsonArray { new JsonObject { ["href"] = ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/container-infra/v1/", ["rel"] = "self" } },
    };
}
