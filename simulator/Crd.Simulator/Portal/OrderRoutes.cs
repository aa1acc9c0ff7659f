using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Portal;

/// <summary>
/// Marketplace orders: create, list, show, approvals, rejections, cancel, delete. Orders of staff
/// users go straight to <c>executing</c>; others wait in <c>pending-consumer</c>, then
/// <c>pending-provider</c> (the provider's approval needs staff).
/// </summary>
public static class OrderRoutes
{
    /// <summary>An order the user may see, or 404.</summary>
    public static Order Find(StoreTransaction tx, PortalUser user, string uuid) =>
        tx.Find<Order>(uuid) is { } o && tx.Find<PortalProject>(o.PortalProjectId) is var p
            && (user.IsStaff || (p is not null && StructureRoutes.Sees(user, tx.Find<Customer>(p.CustomerId))))
            ? o
            : throw PortalErrors.NotFound();

    /// <summary>A new order in its first state (executing for staff), journaled by the caller's transaction.</summary>
    public static Order Place(StoreTransaction tx, SimRuntime runtime, PortalSettings settings, PortalUser user, string type,
        Offering offering, string projectId, MarketplaceResource resource, Dictionary<string, long> limits, string attributes)
    {
        var order = new Order
        {
            Id = Guid.NewGuid().ToString("N"),
            Site = offering.Site,
            Type = type,
            OfferingId = offering.Id,
            PlanId = offering.PlanId,
            PortalProjectId = projectId,
            ResourceId = resource.Id,
            Limits = limits,
            AttributesJson = attributes,
            CreatedBy = user.Id,
            CreatedAt = tx.Now,
            ModifiedAt = tx.Now,
        };
        if (user.IsStaff)
        {
            Execute(tx, runtime, settings, order);
        }
        else
        {
            order.State = "pending-consumer";
            tx.Put(order);
        }
        return order;
    }

    /// <summary>Moves an order to executing; the settler finishes it.</summary>
    public static void Execute(StoreTransaction tx, SimRuntime runtime, PortalSettings settings, Order order)
    {
        order.State = "executing";
        order.ModifiedAt = tx.Now;
        order.DueAt = runtime.Due(tx, order.Site, "portal", settings.OrderSeconds);
        tx.Put(order);
    }

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder api, SimRuntime runtime, PortalSettings settings)
    {
        api.MapPost("/marketplace-orders/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var body = await ctx.ReadObjectAsync();
            var offeringId = PortalApi.Ref(body.OptString("offering"), "marketplace-public-offerings", "offering");
            var projectId = PortalApi.Ref(body.OptString("project"), "projects", "project");
            var planId = PortalApi.Ref(body.OptString("plan"), "marketplace-public-plans", "plan");
            var attributes = body["attributes"] as JsonObject ?? (body["attributes"] is null ? new JsonObject() : throw PortalErrors.Field("attributes", "Expected a dictionary of items."));
            var name = attributes.OptString("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw PortalErrors.Field("attributes", "name: This field is required.");
            }
            var limits = ReadLimits(body);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var project = StructureRoutes.Project(tx, user, projectId);
                var offering = tx.Find<Offering>(offeringId) ?? throw PortalErrors.Field("offering", "Invalid hyperlink - Object does not exist.");
                if (offering.PlanId != planId)
                {
                    throw PortalErrors.Field("plan", "This plan is not available for selected offering.");
                }
                var resource = new MarketplaceResource
                {
                    Id = Guid.NewGuid().ToString("N"),
                    Site = offering.Site,
                    TenantId = Guid.NewGuid().ToString("N"),
                    Name = name,
                    OfferingId = offering.Id,
                    PlanId = planId,
                    PortalProjectId = project.Id,
                    Limits = limits,
                    AttributesJson = attributes.ToJsonString(),
                    CreatedAt = tx.Now,
                    ModifiedAt = tx.Now,
                };
                tx.Put(resource);
                var order = Place(tx, runtime, settings, user, "Create", offering, project.Id, resource, limits, attributes.ToJsonString());
                return PortalJson.Order(ctx, tx, order);
            });
            ctx.Response.Headers.Location = json["url"]!.GetValue<string>();
            return HttpJson.Json(json, 201);
        });
        api.MapGet("/marketplace-orders/", async (HttpContext ctx) =>
        {
            var user = ctx.User();
            var project = PortalApi.Query(ctx, "project_uuid");
            var state = PortalApi.Query(ctx, "state");
            var resource = PortalApi.Query(ctx, "resource_uuid");
            var items = await runtime.Store.ExecuteAsync(tx => tx.All<Order>()
                .Where(o => user.IsStaff || (tx.Find<PortalProject>(o.PortalProjectId) is { } p && StructureRoutes.Sees(user, tx.Find<Customer>(p.CustomerId))))
                .Where(o => (project is null || o.PortalProjectId == project) && (state is null || o.State == state) && (resource is null || o.ResourceId == resource))
                .OrderByDescending(o => o.CreatedAt).Select(o => (JsonNode)PortalJson.Order(ctx, tx, o)).ToList());
            return PortalApi.Page(ctx, items);
        });
        api.MapGet("/marketplace-orders/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx => PortalJson.Order(ctx, tx, Find(tx, user, uuid))));
        });
        api.MapPost("/marketplace-orders/{uuid}/{action}/", async (HttpContext ctx, string uuid, string action) =>
        {
            var user = ctx.User();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var order = Find(tx, user, uuid);
                string Need(string state) => order.State == state ? state
                    : throw new ApiException(409, $"Order must be in {state} state (it is {order.State}).");
                switch (action)
                {
                    case "approve_by_consumer":
                        Need("pending-consumer");
                        order.State = "pending-provider";
                        break;
                    case "approve_by_provider":
                        Need("pending-provider");
                        if (!user.IsStaff)
                        {
                            throw PortalErrors.Forbidden();
                        }
                        Execute(tx, runtime, settings, order);
                        return;
                    case "reject_by_consumer":
                        Need("pending-consumer");
                        order.State = "rejected";
                        break;
                    case "reject_by_provider":
                        Need("pending-provider");
                        if (!user.IsStaff)
                        {
                            throw PortalErrors.Forbidden();
                        }
                        order.State = "rejected";
                        break;
                    case "cancel":
                        if (order.State is not ("pending-consumer" or "pending-provider"))
                        {
                            throw new ApiException(409, $"Order in {order.State} state cannot be canceled.");
                        }
                        order.State = "canceled";
                        break;
                    default:
                        throw PortalErrors.NotFound();
                }
                order.ModifiedAt = tx.Now;
                tx.Put(order);
                if (order.State is "rejected" or "canceled")
                {
                    OrderExecution.Abandon(tx, order);
                }
            });
            return HttpJson.Json(new JsonObject(), 200);
        });
        api.MapDelete("/marketplace-orders/{uuid}/", async (HttpContext ctx, string uuid) =>
        {
            var user = ctx.User();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var order = Find(tx, user, uuid);
                if (order.State is not ("pending-consumer" or "pending-provider"))
                {
                    throw new ApiException(409, "Only pending orders can be deleted.");
                }
                OrderExecution.Abandon(tx, order);
                tx.Delete(order);
            });
            return Results.NoContent();
        });
    }

    /// <summary>The <c>limits</c> object: component name to integer (type errors are a 400; values are checked when the order runs).</summary>
    public static Dictionary<string, long> ReadLimits(JsonObject body)
    {
        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        if (body["limits"] is null)
        {
            return limits;
        }
        if (body["limits"] is not JsonObject map)
        {
            throw PortalErrors.Field("limits", "Expected a dictionary of items.");
        }
        foreach (var (key, value) in map)
        {
            limits[key] = value is JsonValue v && v.TryGetValue<long>(out var n) ? n
                : value is JsonValue d && d.TryGetValue<double>(out var r) && r == Math.Floor(r) ? (long)r
                : throw PortalErrors.Field("limits", $"A valid integer is required for {key}.");
        }
        return limits;
    }
}
