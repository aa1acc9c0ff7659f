using System.Text.Json.Nodes;
using Crd.Simulator.Compute;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Network;
using Crd.Simulator.State;
using Crd.Simulator.Volume;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Portal;

/// <summary>Marketplace resources (list, show, <c>update_limits</c>, <c>terminate</c>) and <c>/openstack-tenants/{uuid}/</c>.</summary>
public static class ResourceRoutes
{
    private static MarketplaceResource Find(StoreTransaction tx, PortalUser user, Func<MarketplaceResource, bool> match) =>
        tx.All<MarketplaceResource>().FirstOrDefault(match) is { } r && tx.Find<PortalProject>(r.PortalProjectId) is var p
            && (user.IsStaff || (p is not null && StructureRoutes.Sees(user, tx.Find<Customer>(p.CustomerId))))
            ? r
            : throw PortalErrors.NotFound();

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder api, SimRuntime runtime, PortalSettings settings)
    {
        api.MapGet("/marketplace-resources/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var project = PortalApi.Query(ctx, "project_uuid");
            var state = PortalApi.Query(ctx, "state");
            var backend = PortalApi.Query(ctx, "backend_id");
            var items = await runtime.Store.ExecuteAsync(tx => tx.All<MarketplaceResource>()
                .Where(r => user.IsStaff || (tx.Find<PortalProject>(r.PortalProjectId) is { } p && StructureRoutes.Sees(user, tx.Find<Customer>(p.CustomerId))))
                .Where(r => (project is null || r.PortalProjectId == project) && (state is null || r.State == state) && (backend is null || r.BackendId == backend))
                .OrderBy(r => r.CreatedAt).Select(r => (JsonNode)PortalJson.Resource(ctx, tx, r)).ToList());
            return PortalApi.Page(ctx, items);
        });
        api.MapGet("/marketplace-resources/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx => PortalJson.Resource(ctx, tx, Find(tx, user, r => r.Id == uuid))));
        });
        api.MapPost("/marketplace-resources/{uuid}/update_limits/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            var body = await ctx.ReadObjectAsync();
            if (body["limits"] is null)
            {
                throw PortalErrors.Field("limits", "This field is required.");
            }
            var limits = OrderRoutes.ReadLimits(body);
            var orderId = await runtime.Store.ExecuteAsync(tx =>
            {
                var resource = Require(Find(tx, user, r => r.Id == uuid));
                resource.State = "Updating";
                tx.Put(resource);
                return OrderRoutes.Place(tx, runtime, settings, user, "Update", tx.Find<Offering>(resource.OfferingId)!, resource.PortalProjectId,
                    resource, limits, resource.AttributesJson).Id;
            });
            return HttpJson.Json(new JsonObject { ["order_uuid"] = orderId });
        });
        api.MapPost("/marketplace-resources/{uuid}/terminate/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            var body = ctx.Request.ContentLength is > 0 ? await ctx.ReadObjectAsync() : new JsonObject();
            var attributes = body["attributes"] as JsonObject ?? [];
            var orderId = await runtime.Store.ExecuteAsync(tx =>
            {
                // An erred tenant can be terminated too (Waldur lets its owners clean it up).
                var resource = Find(tx, user, r => r.Id == uuid);
                resource = resource.State == "Erred" ? resource : Require(resource);
                resource.State = "Terminating";
                tx.Put(resource);
                return OrderRoutes.Place(tx, runtime, settings, user, "Terminate", tx.Find<Offering>(resource.OfferingId)!, resource.PortalProjectId,
                    resource, [], attributes.ToJsonString()).Id;
            });
            return HttpJson.Json(new JsonObject { ["order_uuid"] = orderId });
        });
        api.MapGet("/openstack-tenants/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx => Tenant(ctx, tx, Find(tx, user, r => r.TenantId == uuid))));
        });
    }

    private static MarketplaceResource Require(MarketplaceResource resource) =>
        resource.State == "OK" ? resource
            : throw new ApiException(409, $"Resource in {resource.State} state cannot be changed; it must be OK.");

    private static JsonObject Tenant(HttpContext ctx, StoreTransaction tx, MarketplaceResource r)
    {
        var project = tx.Find<Project>(r.BackendId);
        var user = project is null ? null : tx.OfSite<User>(r.Site, project.Id).FirstOrDefault();
        var network = project is null ? null : tx.OfSite<NetworkEntity>(r.Site, project.Id).FirstOrDefault(n => n.Name == "private");
        var external = tx.OfSite<NetworkEntity>(r.Site).FirstOrDefault(n => n.Name == "public");
        var quotas = new JsonArray();
        if (project is not null)
        {
            var compute = ComputeUsage.OfProject(tx, r.Site, project.Id);
            var volumes = tx.OfSite<VolumeEntity>(r.Site, project.Id).ToList();
            void Quota(string name, long limit, long usage) => quotas.Add(new JsonObject { ["name"] = name, ["limit"] = limit, ["usage"] = usage });
            Quota("vcpu", project.Quota.Cores, compute.Cores);
            Quota("ram", project.Quota.RamGb * 1024L, compute.RamMb);
            Quota("instances", project.Quota.Instances, compute.Instances);
            Quota("storage", project.Quota.StorageGb * 1024L, volumes.Sum(v => v.Size) * 1024L);
            Quota("volumes", project.Quota.Volumes, volumes.Count);
            Quota("floating_ip_count", project.Quota.FloatingIps, tx.OfSite<FloatingIp>(r.Site, project.Id).Count());
        }
        return new JsonObject
        {
            ["uuid"] = r.TenantId,
            ["url"] = PortalApi.Url(ctx, "openstack-tenants", r.TenantId),
            ["name"] = r.Name,
            ["description"] = project?.Description ?? "",
            ["state"] = r.State switch { "OK" => "OK", "Creating" => "Creation Scheduled", "Terminated" => "Deleted", "Erred" => "Erred", _ => "Updating" },
            ["backend_id"] = r.BackendId,
            ["project_uuid"] = r.PortalProjectId,
            ["marketplace_resource_uuid"] = r.Id,
            ["marketplace_offering_uuid"] = r.OfferingId,
            ["service_name"] = r.Site,
            ["access_url"] = ctx.BaseUrl() + "/sites/" + r.Site + "/identity/v3",
            ["availability_zone"] = "nova",
            ["user_username"] = user?.Name,
            ["user_password"] = user?.Password,
            ["internal_network_id"] = network?.Id,
            ["external_network_id"] = external?.Id,
            ["quotas"] = quotas,
            ["created"] = PortalApi.Time(r.CreatedAt),
        };
    }
}
