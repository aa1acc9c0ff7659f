using System.Text.Json.Nodes;

namespace Crd.StandIns.Helm;

/// <summary>How helm combines value documents: maps merge deeply, the later document wins, lists are replaced whole.</summary>
internal static class ValuesMerge
{
    /// <summary>Returns <paramref name="base"/> with <paramref name="overlay"/> merged in (both untouched).</summary>
    public static JsonObject Merge(JsonObject @base, JsonObject overlay)
    {
        var result = (JsonObject)@base.DeepClone();
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject overlayMap && result[key] is JsonObject baseMap)
            {
                result[key] = Merge(baseMap, overlayMap);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Replaces the value at a dotted path by "(sensitive value)", as helm's metadata does for set_sensitive names.</summary>
    public static void Cloak(JsonObject values, string path)
    {
        var keys = path.Split('.');
        var node = values;
        foreach (var key in keys[..^1])
        {
            if (node[key] is not JsonObject inner)
            {
                return;
            }

            node = inner;
        }

        node[keys[^1]] = "(sensitive value)";
    }
}
