using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.Portal;

/// <summary>
/// Waldur (Django REST framework) error bodies: <c>{"detail": "..."}</c>, or field errors
/// <c>{"name": ["This field is required."]}</c> when the exception's type is <c>field:name</c>.
/// </summary>
public static class PortalErrors
{
    /// <summary>Renders <paramref name="error"/>.</summary>
    public static JsonNode Render(ApiException error) =>
        error.Type is { } type && type.StartsWith("field:", StringComparison.Ordinal)
            ? new JsonObject { [type["field:".Length..]] = new JsonArray { error.Message } }
            : new JsonObject { ["detail"] = error.Message };

    /// <summary>A 400 on one field.</summary>
    public static ApiException Field(string field, string message) => new(400, message, "field:" + field);

    /// <summary>DRF's 404.</summary>
    public static ApiException NotFound() => new(404, "Not found.");

    /// <summary>DRF's 403.</summary>
    public static ApiException Forbidden() => new(403, "You do not have permission to perform this action.");
}
