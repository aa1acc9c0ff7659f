using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>
/// <c>/openstack-tenants/{uuid}/</c>: the OpenStack project behind a tenant resource, the
/// credentials of its service user (secrets: never logged or stored), its networks and quotas.
/// </summary>
public sealed record WaldurTenant(
    string Uuid,
    string? BackendId,
    string? State,
    string? AccessUrl,
    string? UserName,
    string? UserPassword,
    string? InternalNetworkId,
    string? ExternalNetworkId,
    IReadOnlyDictionary<string, (long Limit, long Usage)> Quotas)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"tenant {Uuid} (project {BackendId ?? "none"}, user {UserName ?? "none"})";

    internal static WaldurTenant From(JsonObject json)
    {
        var quotas = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var quota in (json["quotas"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (WaldurJson.Text(quota["name"]) is { } name)
            {
                quotas[name] = (WaldurJson.Long(quota["limit"]) ?? -1, WaldurJson.Long(quota["usage"]) ?? 0);
            }
        }

        return new WaldurTenant(
            WaldurJson.Required(json, "uuid", "tenant"),
            WaldurJson.Text(json["backend_id"]) is { Length: > 0 } backend ? backend : null,
            WaldurJson.Text(json["state"]),
            WaldurJson.Text(json["access_url"]),
            WaldurJson.Text(json["user_username"]),
            WaldurJson.Text(json["user_password"]),
            WaldurJson.Text(json["internal_network_id"]),
            WaldurJson.Text(json["external_network_id"]),
            quotas);
    }
}
