using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>Tolerant readers of Waldur's JSON members (absent, null or of another type reads as null).</summary>
internal static class WaldurJson
{
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long? Long(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<long>(out var l) ? l : value.TryGetValue<double>(out var d) ? (long)d : value.TryGetValue<string>(out var s) && long.TryParse(s, out var p) ? p : null
        : null;

    public static string Required(JsonObject obj, string name, string what)
        => Text(obj[name]) ?? throw new CloudProtocolException($"the portal's {what} has no \"{name}\"");

    public static IReadOnlyDictionary<string, long> Limits(JsonNode? node)
    {
        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (Long(value) is { } n)
                {
                    limits[key] = n;
                }
            }
        }

        return limits;
    }
}
