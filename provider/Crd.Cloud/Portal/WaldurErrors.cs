using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>
/// Django REST framework error bodies as Waldur sends them: <c>{"detail": "..."}</c>,
/// field errors <c>{"name": ["This field is required."]}</c>, <c>{"non_field_errors": [...]}</c>
/// or a bare list <c>["..."]</c>; turned into one line that quotes every message.
/// </summary>
internal static class WaldurErrors
{
    private const int MaxText = 500;

    public static string Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Trim(body);
        }

        var text = new StringBuilder();
        Append(text, null, node);
        return Trim(text.ToString());
    }

    private static void Append(StringBuilder text, string? field, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Append(text, key is "detail" or "non_field_errors" ? field : field is null ? key : field + "." + key, value);
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    Append(text, field, item);
                }

                break;
            case JsonValue value:
                if (text.Length > 0)
                {
                    text.Append("; ");
                }

                text.Append(field is null ? "" : field + ": ").Append(value.ToString());
                break;
        }
    }

    private static string Trim(string text)
    {
        text = text.Trim();
        return text.Length > MaxText ? text[..MaxText] + "..." : text;
    }
}
