using System.Text.Json.Nodes;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Portal;

/// <summary>Waldur's JSON for customers, projects, offerings, orders and resources.</summary>
public static class PortalJson
{
    /// <summary>Component units and names of the tenant offering.</summary>
    public static readonly (string Type, string Name, string Unit)[] Components =
        [("cores", "Cores", "cores"), ("ram", "RAM", "MB"), ("storage", "Storage", "MB")];

    /// <summary>A customer.</summary>
    public static JsonObject Customer(HttpContext ctx, Customer c) => new()
    {
        ["uuid"] = c.Id,
        ["url"] = PortalApi.Url(ctx, "customers", c.Id),
        ["name"] = c.Name,
        ["native_name"] = c.Name,
        ["abbreviation"] = c.Abbreviation,
        ["email"] = c.Email,
        ["created"] = PortalApi.Time(c.CreatedAt),
        ["backend_id"] = "",
    };

    /// <summary>A project.</summary>
    public static JsonObject Project(HttpContext ctx, PortalProject p, Customer? customer) => new()
    {
        ["uuid"] = p.Id,
        ["url"] = PortalApi.Url(ctx, "projects", p.Id),
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["customer"] = PortalApi.Url(ctx, "customers", p.CustomerId),
        ["customer_uuid"] = p.CustomerId,
        ["customer_name"] = customer?.Name,
        ["customer_abbreviation"] = customer?.Abbreviation,
        ["created"] = PortalApi.Time(p.CreatedAt),
        ["end_date"] = p.EndDate,
        ["start_date"] = p.StartDate,
        ["backend_id"] = p.BackendId,
        ["oecd_fos_2007_code"] = p.OecdFos2007Code,
        ["type"] = null,
        ["kind"] = "default",
        ["is_industry"] = false,
        ["is_removed"] = false,
    };

    /// <summary>A public offering with its plan and components.</summary>
    public static JsonObject Offering(HttpContext ctx, Offering o)
    {
        var planUrl = PortalApi.Url(ctx, "marketplace-public-plans", o.PlanId);
        var prices = new JsonObject();
        var components = new JsonArray();
        foreach (var (type, name, unit) in Components)
        {
            prices[type] = o.Prices.GetValueOrDefault(type);
            components.Add(new JsonObject
            {
                ["type"] = type,
                ["name"] = name,
                ["measured_unit"] = unit,
                ["billing_type"] = "limit",
                ["limit_period"] = null,
                ["min_value"] = 0,
                ["max_value"] = null,
                ["is_boolean"] = false,
            });
        }
        return new JsonObject
        {
            ["uuid"] = o.Id,
            ["url"] = PortalApi.Url(ctx, "marketplace-public-offerings", o.Id),
            ["name"] = o.Name,
            ["type"] = o.Type,
            ["state"] = o.State,
            ["shared"] = true,
            ["billable"] = true,
            ["customer_uuid"] = o.CustomerId,
            ["scope_name"] = o.Site,
            ["backend_id"] = o.Site,
            ["description"] = $"An OpenStack project (tenant) on the {o.Site} site",
            ["components"] = components,
            ["plans"] = new JsonArray
            {
                new JsonObject
                {
                    ["uuid"] = o.PlanId,
                    ["url"] = planUrl,
                    ["name"] = "Default",
                    ["unit"] = "month",
                    ["unit_price"] = "0",
                    ["archived"] = false,
                    ["prices"] = prices,
                },
            },
            ["created"] = PortalApi.Time(o.CreatedAt),
        };
    }

    /// <summary>An order.</summary>
    public static JsonObject Order(HttpContext ctx, StoreTransaction tx, Order o)
    {
        var offering = tx.Find<Offering>(o.OfferingId);
        var project = tx.Find<PortalProject>(o.PortalProjectId);
        var resource = tx.Find<MarketplaceResource>(o.ResourceId);
        return new JsonObject
        {
            ["uuid"] = o.Id,
            ["url"] = PortalApi.Url(ctx, "marketplace-orders", o.Id),
            ["type"] = o.Type,
            ["state"] = o.State,
            ["offering"] = PortalApi.Url(ctx, "marketplace-public-offerings", o.OfferingId),
            ["offering_uuid"] = o.OfferingId,
            ["offering_name"] = offering?.Name,
            ["offering_type"] = offering?.Type,
            ["plan"] = PortalApi.Url(ctx, "marketplace-public-plans", o.PlanId),
            ["plan_uuid"] = o.PlanId,
            ["project"] = PortalApi.Url(ctx, "projects", o.PortalProjectId),
            ["project_uuid"] = o.PortalProjectId,
            ["customer_uuid"] = project?.CustomerId,
            ["attributes"] = JsonNode.Parse(o.AttributesJson),
            ["limits"] = Limits(o.Limits),
            ["error_message"] = o.ErrorMessage,
            ["marketplace_resource_uuid"] = string.IsNullOrEmpty(o.ResourceId) ? null : o.ResourceId,
            ["resource_uuid"] = resource is null || string.IsNullOrEmpty(resource.BackendId) ? null : resource.TenantId,
            ["resource_type"] = "OpenStack.Tenant",
            ["resource_name"] = resource?.Name,
            ["created"] = PortalApi.Time(o.CreatedAt),
            ["modified"] = PortalApi.Time(o.ModifiedAt),
            ["created_by"] = o.CreatedBy,
            ["accepting_terms_of_service"] = true,
        };
    }

    /// <summary>A marketplace resource.</summary>
    public static JsonObject Resource(HttpContext ctx, StoreTransaction tx, MarketplaceResource r)
    {
        var offering = tx.Find<Offering>(r.OfferingId);
        var project = tx.Find<PortalProject>(r.PortalProjectId);
        return new JsonObject
        {
            ["uuid"] = r.Id,
            ["url"] = PortalApi.Url(ctx, "marketplace-resources", r.Id),
            ["name"] = r.Name,
            ["state"] = r.State,
            ["resource_type"] = "OpenStack.Tenant",
            ["resource_uuid"] = r.TenantId,
            ["scope"] = PortalApi.Url(ctx, "openstack-tenants", r.TenantId),
            ["backend_id"] = r.BackendId,
            ["offering"] = PortalApi.Url(ctx, "marketplace-public-offerings", r.OfferingId),
            ["offering_uuid"] = r.OfferingId,
            ["offering_name"] = offering?.Name,
            ["offering_type"] = offering?.Type,
            ["plan"] = PortalApi.Url(ctx, "marketplace-public-plans", r.PlanId),
            ["plan_uuid"] = r.PlanId,
            ["project"] = PortalApi.Url(ctx, "projects", r.PortalProjectId),
            ["project_uuid"] = r.PortalProjectId,
            ["project_name"] = project?.Name,
            ["customer_uuid"] = project?.CustomerId,
            ["limits"] = Limits(r.Limits),
            ["attributes"] = JsonNode.Parse(r.AttributesJson),
            ["created"] = PortalApi.Time(r.CreatedAt),
            ["modified"] = PortalApi.Time(r.ModifiedAt),
        };
    }

    /// <summary>A limits map.</summary>
    public static JsonObject Limits(Dictionary<string, long> limits)
    {
        var json = new JsonObject();
        foreach (var (key, value) in limits.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }
        return json;
    }
}
