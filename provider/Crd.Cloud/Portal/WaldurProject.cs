using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>A Waldur project.</summary>
public sealed record WaldurProject(string Uuid, string Url, string Name, string Description, string CustomerUuid, string? CustomerName, string? EndDate)
{
    internal static WaldurProject From(JsonObject json) => new(
        WaldurJson.Required(json, "uuid", "project"),
        WaldurJson.Required(json, "url", "project"),
        WaldurJson.Text(json["name"]) ?? "",
        WaldurJson.Text(json["description"]) ?? "",
        WaldurJson.Text(json["customer_uuid"]) ?? WaldurClient.UuidOf(WaldurJson.Text(json["customer"]) ?? ""),
        WaldurJson.Text(json["customer_name"]),
        WaldurJson.Text(json["end_date"]));
}
