using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>A public <c>OpenStack.Tenant</c> offering: one per site (<c>scope_name</c>), with the plan orders use.</summary>
public sealed record WaldurOffering(string Uuid, string Url, string Name, string Site, string? PlanUrl, string? ProviderCustomerUuid)
{
    /// <summary>The offering type of a tenant on a site.</summary>
    public const string TenantType = "OpenStack.Tenant";

    internal static WaldurOffering From(JsonObject json) => new(
        WaldurJson.Required(json, "uuid", "offering"),
        WaldurJson.Required(json, "url", "offering"),
        WaldurJson.Text(json["name"]) ?? "",
        WaldurJson.Text(json["scope_name"]) ?? WaldurJson.Text(json["backend_id"]) ?? "",
        (json["plans"] as JsonArray)?.OfType<JsonObject>().Where(p => p["archived"] is not JsonValue a || !a.TryGetValue<bool>(out var archived) || !archived)
            .Select(p => WaldurJson.Text(p["url"])).FirstOrDefault(u => u is not null),
        WaldurJson.Text(json["customer_uuid"]));
}
