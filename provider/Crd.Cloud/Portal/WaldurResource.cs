using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>
/// A marketplace resource; for an <c>OpenStack.Tenant</c> offering, a tenant on a site.
/// States: <c>Creating</c>, <c>OK</c>, <c>Updating</c>, <c>Terminating</c>, <c>Terminated</c>, <c>Erred</c>.
/// </summary>
public sealed record WaldurResource(string Uuid, string Name, string State, string? TenantUuid, string? BackendId, string OfferingUuid, string ProjectUuid, IReadOnlyDictionary<string, long> Limits)
{
    /// <summary>Gone, or never came to be: terminated or erred before it had a backend.</summary>
    public bool IsGone => State == "Terminated" || (State == "Erred" && string.IsNullOrEmpty(BackendId));

    internal static WaldurResource From(JsonObject json) => new(
        WaldurJson.Required(json, "uuid", "marketplace resource"),
        WaldurJson.Text(json["name"]) ?? "",
        WaldurJson.Text(json["state"]) ?? "",
        WaldurJson.Text(json["resource_uuid"]),
        WaldurJson.Text(json["backend_id"]) is { Length: > 0 } backend ? backend : null,
        WaldurJson.Text(json["offering_uuid"]) ?? WaldurClient.UuidOf(WaldurJson.Text(json["offering"]) ?? ""),
        WaldurJson.Text(json["project_uuid"]) ?? WaldurClient.UuidOf(WaldurJson.Text(json["project"]) ?? ""),
        WaldurJson.Limits(json["limits"]));
}
