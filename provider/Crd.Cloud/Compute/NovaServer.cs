using System.Globalization;
using System.Text.Json.Nodes;

namespace Crd.Cloud.Compute;

/// <summary>A Nova server as <c>GET /servers/{id}</c> describes it (microversion 2.79).</summary>
public sealed record NovaServer
{
    /// <summary>Server id.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary><c>BUILD</c>, <c>ACTIVE</c>, <c>SHUTOFF</c>, <c>VERIFY_RESIZE</c>, <c>ERROR</c>...</summary>
    public required string Status { get; init; }

    /// <summary><c>OS-EXT-STS:task_state</c>: non-null while an operation runs.</summary>
    public string? TaskState { get; init; }

    /// <summary><c>fault.message</c>, set when the server is in ERROR.</summary>
    public string? FaultMessage { get; init; }

    /// <summary>Image id; empty for a server booted from a volume.</summary>
    public string ImageId { get; init; } = "";

    /// <summary>Flavor id when Nova links the flavor (before 2.47), otherwise null.</summary>
    public string? FlavorId { get; init; }

    /// <summary>Flavor name (<c>original_name</c>, embedded flavor from 2.47).</summary>
    public string? FlavorName { get; init; }

    /// <summary>Key pair name, if any.</summary>
    public string? KeyName { get; init; }

    /// <summary>Availability zone.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Metadata key/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags (2.26+).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Security group names (Nova reports names, not ids).</summary>
    public IReadOnlyList<string> SecurityGroupNames { get; init; } = [];

    /// <summary>Addresses per network, fixed and floating.</summary>
    public IReadOnlyList<ServerAddress> Addresses { get; init; } = [];

    /// <summary>Ids of attached volumes (the boot volume first when booted from a volume).</summary>
    public IReadOnlyList<string> AttachedVolumeIds { get; init; } = [];

    /// <summary>Creation time as Nova wrote it (RFC 3339).</summary>
    public string CreatedAt { get; init; } = "";

    /// <summary>Parses the <c>server</c> object of Nova's answer.</summary>
    public static NovaServer Parse(JsonObject json)
    {
        var flavor = json["flavor"] as JsonObject;
        var image = json["image"] as JsonObject;
        return new NovaServer
        {
            Id = Text(json, "id") ?? throw new CloudProtocolException("server without an id in Nova's answer"),
            Name = Text(json, "name") ?? "",
            Status = Text(json, "status") ?? "UNKNOWN",
            TaskState = Text(json, "OS-EXT-STS:task_state"),
            FaultMessage = (json["fault"] as JsonObject) is { } fault ? Text(fault, "message") : null,
            ImageId = image is null ? "" : Text(image, "id") ?? "",
            FlavorId = flavor is null ? null : Text(flavor, "id"),
            FlavorName = flavor is null ? null : Text(flavor, "original_name"),
            KeyName = Text(json, "key_name"),
            AvailabilityZone = Text(json, "OS-EXT-AZ:availability_zone"),
            Metadata = (json["metadata"] as JsonObject)?.Where(kv => kv.Value is JsonValue)
                .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [],
            Tags = Strings(json["tags"] as JsonArray),
            SecurityGroupNames = (json["security_groups"] as JsonArray)?.OfType<JsonObject>().Select(g => Text(g, "name")).OfType<string>()
                .Distinct(StringComparer.Ordinal).ToList() ?? [],
            Addresses = ParseAddresses(json["addresses"] as JsonObject),
            AttachedVolumeIds = (json["os-extended-volumes:volumes_attached"] as JsonArray)?.OfType<JsonObject>()
                .Select(v => Text(v, "id")).OfType<string>().ToList() ?? [],
            CreatedAt = Text(json, "created") ?? "",
        };
    }

    private static List<ServerAddress> ParseAddresses(JsonObject? addresses)
    {
        var result = new List<ServerAddress>();
        foreach (var (network, entries) in addresses ?? [])
        {
            foreach (var entry in (entries as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var version = entry["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 4;
                result.Add(new ServerAddress(network, Text(entry, "addr") ?? "", version, Text(entry, "OS-EXT-IPS:type") == "floating"));
            }
        }

        return result;
    }

    private static List<string> Strings(JsonArray? array) => array?.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : v.ToJsonString()).ToList() ?? [];

    internal static string? Text(JsonObject json, string name) => json[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
