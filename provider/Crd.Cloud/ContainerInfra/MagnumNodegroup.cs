using System.Text.Json.Nodes;

namespace Crd.Cloud.ContainerInfra;

/// <summary>A Magnum nodegroup (microversion 1.9+).</summary>
/// <param name="Id">Nodegroup uuid.</param>
/// <param name="Name">Name, unique in the cluster (<c>default-master</c>, <c>default-worker</c>, yours).</param>
/// <param name="Role">Role (<c>master</c>, <c>worker</c>...).</param>
/// <param name="IsDefault">True for the two groups Magnum creates with the cluster.</param>
/// <param name="FlavorId">Flavor of the nodes.</param>
/// <param name="NodeCount">Current nodes.</param>
/// <param name="MinNodeCount">Lower bound for the autoscaler and resizes.</param>
/// <param name="MaxNodeCount">Upper bound (null: no autoscaling).</param>
/// <param name="Status">Status of the group's last operation.</param>
/// <param name="StatusReason">Why (failures).</param>
/// <param name="Labels">Labels of the group (detail view only).</param>
public sealed record MagnumNodegroup(
    string Id,
    string Name,
    string Role,
    bool IsDefault,
    string? FlavorId,
    int NodeCount,
    int MinNodeCount,
    int? MaxNodeCount,
    string Status,
    string? StatusReason,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The name Magnum gives the default worker group.</summary>
    public const string DefaultWorker = "default-worker";

    /// <summary>The name Magnum gives the control-plane group.</summary>
    public const string DefaultMaster = "default-master";

    /// <summary>True for the control plane.</summary>
    public bool IsMaster => Role == "master";

    /// <summary>Parses a nodegroup object.</summary>
    public static MagnumNodegroup FromJson(JsonObject json) => new(
        MagnumJson.Str(json["uuid"]) ?? throw new CloudProtocolException("Magnum returned a nodegroup without a uuid"),
        MagnumJson.Str(json["name"]) ?? "",
        MagnumJson.Str(json["role"]) ?? "worker",
        MagnumJson.Bool(json["is_default"]) ?? false,
        MagnumJson.Str(json["flavor_id"]),
        MagnumJson.Int(json["node_count"]) ?? 0,
        MagnumJson.Int(json["min_node_count"]) ?? 0,
        MagnumJson.Int(json["max_node_count"]),
        MagnumJson.Str(json["status"]) ?? "",
        MagnumJson.Str(json["status_reason"]),
        MagnumJson.Map(json["labels"]));
}
