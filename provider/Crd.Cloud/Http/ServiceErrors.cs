using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Cloud.Http;

/// <summary>
/// Extracts (type, message) from the error bodies of the services: Nova/Cinder
/// <c>{"itemNotFound": {"message": ...}}</c>, Neutron <c>{"NeutronError": {"type", "message"}}</c>,
/// Keystone <c>{"error": {"message", "title"}}</c>, Magnum <c>{"errors": [{"title", "detail"}]}</c>,
/// anything else as trimmed text.
/// </summary>
internal static class ServiceErrors
{
    private const int MaxText = 500;

    public static (string? Type, string Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, "");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return (null, Trim(body));
        }

        if (node is not JsonObject obj)
        {
            return (null, Trim(body));
        }

        if (obj["NeutronError"] is JsonObject neutron)
        {
            return (Str(neutron["type"]), Str(neutron["message"]) ?? "");
        }

        if (obj["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject first)
        {
            return (Str(first["code"]) ?? Str(first["title"]), Str(first["detail"]) ?? Str(first["title"]) ?? "");
        }

        if (obj["error"] is JsonObject keystone)
        {
            return (Str(keystone["title"]) ?? Str(keystone["id"]), Str(keystone["message"]) ?? Str(keystone["description"]) ?? "");
        }

        if (obj.Count == 1 && obj.First().Value is JsonObject wrapped && wrapped["message"] is not null)
        {
            return (obj.First().Key, Str(wrapped["message"]) ?? "");
        }

        return (null, Str(obj["message"]) ?? Str(obj["detail"]) ?? Trim(body));
    }

    private static string? Str(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static string Trim(string text)
    {
        text = text.Trim();
        return text.Length > MaxText ? text[..MaxText] + "..." : text;
    }
}
