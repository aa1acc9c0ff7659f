using System.Text.Json.Nodes;

namespace Crd.Cloud.ContainerInfra;

/// <summary>Readers for Magnum's JSON, tolerant of the nulls and absent members real deployments send.</summary>
internal static class MagnumJson
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static IReadOnlyDictionary<string, string> Map(JsonNode? node) =>
        (node as JsonObject)?.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> List(JsonNode? node) =>
        (node as JsonArray)?.Select(Str).OfType<string>().ToList() ?? [];

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}
