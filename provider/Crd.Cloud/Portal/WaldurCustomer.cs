using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>A Waldur customer (organisation) that owns projects.</summary>
public sealed record WaldurCustomer(string Uuid, string Url, string Name, string? Abbreviation)
{
    internal static WaldurCustomer From(JsonObject json) => new(
        WaldurJson.Required(json, "uuid", "customer"), WaldurJson.Required(json, "url", "customer"), WaldurJson.Text(json["name"]) ?? "", WaldurJson.Text(json["abbreviation"]));
}
