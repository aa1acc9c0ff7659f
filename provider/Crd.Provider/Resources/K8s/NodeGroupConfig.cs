using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.K8s;

/// <summary>One <c>node_group</c> block as configured or planned (null numbers: unset or unknown).</summary>
internal sealed record NodeGroupConfig(string? Name, string? Flavor, int? NodeCount, int? MinNodes, int? MaxNodes, IReadOnlyDictionary<string, string>? Labels, ResourceData Data)
{
    /// <summary>True when the autoscaler owns the group's size.</summary>
    public bool Autoscaled => MaxNodes is not null;

    /// <summary>The lower bound sent to Magnum: the configured one, 1 with autoscaling, else none.</summary>
    public int? EffectiveMin => MinNodes ?? (Autoscaled ? 1 : null);

    public static IReadOnlyList<NodeGroupConfig> Of(ResourceData data) =>
        data.IsNull ? [] : [.. data.GetBlocks("node_group").Select(g => new NodeGroupConfig(
            g.GetString("name"), g.GetString("flavor"), Int(g, "node_count"), Int(g, "min_nodes"), Int(g, "max_nodes"), g.GetStringMap("labels"), g))];

    public static int? Int(ResourceData data, string name) => data.GetInt64(name) is { } v ? checked((int)v) : null;

    /// <summary>Same labels, an unset map being the empty map.</summary>
    public static bool SameLabels(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
