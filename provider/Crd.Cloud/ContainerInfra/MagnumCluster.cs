using System.Text.Json.Nodes;

namespace Crd.Cloud.ContainerInfra;

/// <summary>A Magnum cluster as <c>GET /clusters/{id}</c> shows it.</summary>
/// <param name="Id">Cluster uuid.</param>
/// <param name="Name">Cluster name.</param>
/// <param name="TemplateId">Cluster template uuid.</param>
/// <param name="Status">Magnum status (<see cref="MagnumStatus"/>).</param>
/// <param name="StatusReason">Why the cluster is in its status (the Heat or CAPI message).</param>
/// <param name="MasterCount">Control-plane nodes.</param>
/// <param name="NodeCount">Nodes of the default worker group.</param>
/// <param name="FlavorId">Worker flavor.</param>
/// <param name="MasterFlavorId">Control-plane flavor.</param>
/// <param name="Keypair">Nova key pair name, if any.</param>
/// <param name="Labels">Effective labels.</param>
/// <param name="LabelsAdded">Labels given at create that the template did not have.</param>
/// <param name="LabelsOverridden">Labels given at create that replaced a template value (value = the template's).</param>
/// <param name="FloatingIpEnabled">Whether nodes get floating IPs.</param>
/// <param name="MasterLbEnabled">Whether the API sits behind a load balancer.</param>
/// <param name="ApiAddress">Kubernetes API URL once built (<c>https://ip:6443</c>).</param>
/// <param name="CoeVersion">Kubernetes version once built (<c>v1.30.2</c>).</param>
/// <param name="MasterAddresses">Control-plane addresses.</param>
/// <param name="NodeAddresses">Worker addresses.</param>
/// <param name="ProjectId">Owning project.</param>
public sealed record MagnumCluster(
    string Id,
    string Name,
    string TemplateId,
    string Status,
    string? StatusReason,
    int MasterCount,
    int NodeCount,
    string? FlavorId,
    string? MasterFlavorId,
    string? Keypair,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> LabelsAdded,
    IReadOnlyDictionary<string, string> LabelsOverridden,
    bool FloatingIpEnabled,
    bool MasterLbEnabled,
    string? ApiAddress,
    string? CoeVersion,
    IReadOnlyList<string> MasterAddresses,
    IReadOnlyList<string> NodeAddresses,
    string? ProjectId)
{
    /// <summary>True when the status is one of Magnum's failure statuses.</summary>
    public bool IsFailed => MagnumStatus.IsFailed(Status);

    /// <summary>Parses a cluster object.</summary>
    public static MagnumCluster FromJson(JsonObject json) => new(
        MagnumJson.Str(json["uuid"]) ?? throw new CloudProtocolException("Magnum returned a cluster without a uuid"),
        MagnumJson.Str(json["name"]) ?? "",
        MagnumJson.Str(json["cluster_template_id"]) ?? "",
        MagnumJson.Str(json["status"]) ?? "",
        MagnumJson.Str(json["status_reason"]),
        MagnumJson.Int(json["master_count"]) ?? 1,
        MagnumJson.Int(json["node_count"]) ?? 0,
        MagnumJson.Str(json["flavor_id"]),
        MagnumJson.Str(json["master_flavor_id"]),
        MagnumJson.Str(json["keypair"]),
        MagnumJson.Map(json["labels"]),
        MagnumJson.Map(json["labels_added"]),
        MagnumJson.Map(json["labels_overridden"]),
        MagnumJson.Bool(json["floating_ip_enabled"]) ?? false,
        MagnumJson.Bool(json["master_lb_enabled"]) ?? false,
        MagnumJson.Str(json["api_address"]) is { Length: > 0 } api ? api : null,
        MagnumJson.Str(json["coe_version"]),
        MagnumJson.List(json["master_addresses"]),
        MagnumJson.List(json["node_addresses"]),
        MagnumJson.Str(json["project_id"]));
}
