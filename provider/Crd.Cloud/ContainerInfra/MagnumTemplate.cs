using System.Text.Json.Nodes;

namespace Crd.Cloud.ContainerInfra;

/// <summary>A Magnum cluster template as <c>GET /clustertemplates/detail</c> shows it.</summary>
/// <param name="Id">Template uuid.</param>
/// <param name="Name">Template name.</param>
/// <param name="Coe">Container orchestration engine (<c>kubernetes</c>).</param>
/// <param name="ImageId">Glance image of the nodes.</param>
/// <param name="FlavorId">Default worker flavor, if the template sets one.</param>
/// <param name="MasterFlavorId">Default master flavor, if the template sets one.</param>
/// <param name="Labels">Template labels (<c>kube_tag</c>...).</param>
/// <param name="Public">Whether the template is shared with every project.</param>
/// <param name="Hidden">Hidden templates are deprecated by the operator.</param>
/// <param name="FloatingIpEnabled">Default of the clusters' floating IPs.</param>
/// <param name="MasterLbEnabled">Default of the clusters' API load balancer.</param>
/// <param name="CreatedAt">Creation time (ISO 8601).</param>
public sealed record MagnumTemplate(
    string Id,
    string Name,
    string Coe,
    string ImageId,
    string? FlavorId,
    string? MasterFlavorId,
    IReadOnlyDictionary<string, string> Labels,
    bool Public,
    bool Hidden,
    bool FloatingIpEnabled,
    bool MasterLbEnabled,
    string? CreatedAt)
{
    /// <summary>The Kubernetes version the template's label <c>kube_tag</c> names (<c>v1.30.2</c>), or null.</summary>
    public string? KubeTag => Labels.TryGetValue("kube_tag", out var tag) && tag.Length > 0 ? tag : null;

    /// <summary>Parses a template object.</summary>
    public static MagnumTemplate FromJson(JsonObject json) => new(
        MagnumJson.Str(json["uuid"]) ?? throw new CloudProtocolException("Magnum returned a cluster template without a uuid"),
        MagnumJson.Str(json["name"]) ?? "",
        MagnumJson.Str(json["coe"]) ?? "",
        MagnumJson.Str(json["image_id"]) ?? "",
        MagnumJson.Str(json["flavor_id"]),
        MagnumJson.Str(json["master_flavor_id"]),
        MagnumJson.Map(json["labels"]),
        MagnumJson.Bool(json["public"]) ?? false,
        MagnumJson.Bool(json["hidden"]) ?? false,
        MagnumJson.Bool(json["floating_ip_enabled"]) ?? false,
        MagnumJson.Bool(json["master_lb_enabled"]) ?? false,
        MagnumJson.Str(json["created_at"]));
}
