using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>
/// A marketplace order (apis.md §3.2). States: <c>pending-consumer</c>, <c>pending-provider</c>
/// (and Waldur's other <c>pending-*</c>), <c>executing</c>, then <c>done</c> or <c>erred</c>
/// (with <c>error_message</c>), <c>rejected</c>, <c>canceled</c>.
/// </summary>
public sealed record WaldurOrder(string Uuid, string Type, string State, string? ErrorMessage, string? MarketplaceResourceUuid, string? ResourceUuid, string? OfferingName)
{
    /// <summary>Waiting for the project's side (its owner or manager) to approve.</summary>
    public const string PendingConsumer = "pending-consumer";

    /// <summary>Waiting for the service provider (the site's operators, or staff) to approve.</summary>
    public const string PendingProvider = "pending-provider";

    /// <summary>Finished successfully.</summary>
    public bool IsDone => State == "done";

    /// <summary>Finished without success: erred, rejected or canceled.</summary>
    public bool IsFailed => State is "erred" or "rejected" or "canceled";

    internal static WaldurOrder From(JsonObject json) => new(
        WaldurJson.Required(json, "uuid", "order"),
        WaldurJson.Text(json["type"]) ?? "Create",
        WaldurJson.Text(json["state"]) ?? "",
        WaldurJson.Text(json["error_message"]) is { Length: > 0 } error ? error : null,
        WaldurJson.Text(json["marketplace_resource_uuid"]),
        WaldurJson.Text(json["resource_uuid"]),
        WaldurJson.Text(json["offering_name"]));
}
