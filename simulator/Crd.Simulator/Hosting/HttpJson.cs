using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Hosting;

/// <summary>Reading request bodies and writing JSON answers, with 400s in the service's shape.</summary>
public static class HttpJson
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false };

    /// <summary>Reads the body as a JSON object; a missing, malformed or non-object body is a 400.</summary>
    public static async Task<JsonObject> ReadObjectAsync(this HttpContext context)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            Materialize(node);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw ApiException.BadRequest("Malformed request body");
        }
        return node as JsonObject ?? throw ApiException.BadRequest("Malformed request body: a JSON object is required");
    }

    /// <summary>Reads the body as any JSON value (arrays for JSON-Patch); null when empty.</summary>
    public static async Task<JsonNode?> ReadNodeAsync(this HttpContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            var node = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            Materialize(node);
            return node;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw ApiException.BadRequest("Malformed request body");
        }
    }

    /// <summary>A list of strings, or null when absent; anything else is a 400.</summary>
    public static List<string>? OptStringList(this JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        return node is JsonArray list
            ? [.. list.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw ApiException.BadRequest($"Invalid input for field/attribute {name}: a list of strings is required."))]
            : throw ApiException.BadRequest($"Invalid input for field/attribute {name}: a list of strings is required.");
    }

    // JsonNode parses lazily; walking the tree surfaces duplicate keys and the like as a 400 here
    // rather than as an exception deep inside a handler.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }
                break;
        }
    }

    /// <summary>A JSON answer.</summary>
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Text(body.ToJsonString(WriteOptions), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>The object member <paramref name="name"/>, required (400 when absent or not an object).</summary>
    public static JsonObject RequireObject(this JsonObject body, string name) =>
        body[name] as JsonObject ?? throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: missing or not an object.");

    /// <summary>A string member, or null. A non-string value is a 400.</summary>
    public static string? OptString(this JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }
        throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {node.ToJsonString()}. Expected a string.");
    }

    /// <summary>A required string member.</summary>
    public static string RequireString(this JsonObject body, string name) =>
        body.OptString(name) ?? throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: None. None is not of type 'string'");

    /// <summary>An integer member (numbers or numeric strings, as OpenStack accepts), or null.</summary>
    public static int? OptInt(this JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value)
        {
            if (value.TryGetValue<int>(out var number))
            {
                return number;
            }
            if (value.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < int.MaxValue)
            {
                return (int)real;
            }
            if (value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }
        throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {node.ToJsonString()}. Expected an integer.");
    }

    /// <summary>A boolean member, or null.</summary>
    public static bool? OptBool(this JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out var flag))
            {
                return flag;
            }
            if (value.TryGetValue<string>(out var text) && bool.TryParse(text, out flag))
            {
                return flag;
            }
        }
        throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {node.ToJsonString()}. Expected a boolean.");
    }

    /// <summary>A string map member (metadata), or null; non-string values are a 400.</summary>
    public static Dictionary<string, string>? OptStringMap(this JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject map)
        {
            throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Expected an object.");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value of '{key}' must be a string.");
        }
        return result;
    }

    /// <summary>A JSON object from a string map.</summary>
    public static JsonObject ToJson(this IReadOnlyDictionary<string, string> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }
        return result;
    }

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray ToJsonArray(this IEnumerable<string> items) => [.. items.Select(i => (JsonNode?)JsonValue.Create(i))];

    /// <summary>ISO-8601 as OpenStack writes it (<c>2026-01-02T03:04:05Z</c>).</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
