using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.Onedata;

/// <summary>
/// Onedata's error body: <c>{"error":{"id":"notFound","details":{...},"description":"..."}}</c>.
/// The exception's type carries the id, optionally followed by <c>|</c> and the details as JSON.
/// </summary>
public static class OnedataErrors
{
    /// <summary>Renders <paramref name="error"/>.</summary>
    public static JsonNode Render(ApiException error)
    {
        var type = error.Type ?? error.Status switch
        {
            400 => "badValueJSON",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "notFound",
            409 => "alreadyExists",
            _ => "internalServerError",
        };
        var split = type.IndexOf('|', StringComparison.Ordinal);
        var body = new JsonObject { ["id"] = split < 0 ? type : type[..split] };
        if (split >= 0)
        {
            body["details"] = JsonNode.Parse(type[(split + 1)..]);
        }
        body["description"] = error.Message;
        return new JsonObject { ["error"] = body };
    }

    /// <summary>An error with id and optional details.</summary>
    public static ApiException Error(int status, string id, string description, JsonObject? details = null) =>
        new(status, description, details is null ? id : id + "|" + details.ToJsonString());

    /// <summary>401.</summary>
    public static ApiException Unauthorized() => Error(401, "unauthorized", "You must authenticate yourself to perform this operation.");

    /// <summary>403.</summary>
    public static ApiException Forbidden() => Error(403, "forbidden", "You are not authorized to perform this operation (insufficient privileges?).");

    /// <summary>404.</summary>
    public static ApiException NotFound() => Error(404, "notFound", "The resource could not be found.");

    /// <summary>400 for a missing value.</summary>
    public static ApiException Missing(string key) =>
        Error(400, "missingRequiredValue", $"Missing required value: \"{key}\".", new JsonObject { ["key"] = key });

    /// <summary>400 for a bad token.</summary>
    public static ApiException BadToken(string key, string why) =>
        Error(400, "badValueToken", $"Bad value: provided \"{key}\" is not a valid token ({why}).", new JsonObject { ["key"] = key });
}
