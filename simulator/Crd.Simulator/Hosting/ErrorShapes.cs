using System.Text.Json.Nodes;

namespace Crd.Simulator.Hosting;

/// <summary>
/// Renders an <see cref="ApiException"/> as the body the real service would send. Modules register
/// a renderer for their service; unknown services get Keystone's <c>{"error":{code,title,message}}</c>.
/// </summary>
public sealed class ErrorShapes
{
    private readonly Dictionary<string, Func<ApiException, JsonNode>> _renderers = new(StringComparer.Ordinal)
    {
        ["compute"] = OpenStackFault,
        ["volume"] = OpenStackFault,
        ["network"] = NeutronError,
    };

    /// <summary>Registers the renderer of <paramref name="service"/> (replacing any earlier one).</summary>
    public void Register(string service, Func<ApiException, JsonNode> renderer) => _renderers[service] = renderer;

    /// <summary>The error body for <paramref name="error"/> addressed to <paramref name="service"/>.</summary>
    public JsonNode Render(string service, ApiException error)
    {
        // Keystone middleware answers 401 for every OpenStack service, in Keystone's shape.
        if (error.Status == 401 && service is "compute" or "volume" or "network" or "image" or "container-infra")
        {
            return KeystoneError(error);
        }
        return _renderers.TryGetValue(service, out var renderer) ? renderer(error) : KeystoneError(error);
    }

    /// <summary>The reason phrase of a status code.</summary>
    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    /// <summary>Keystone: <c>{"error":{"code":401,"title":"Unauthorized","message":"..."}}</c>.</summary>
    public static JsonNode KeystoneError(ApiException error) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = error.Status,
            ["title"] = Title(error.Status),
            ["message"] = error.Message,
        },
    };

    /// <summary>Nova and Cinder: <c>{"itemNotFound":{"code":404,"message":"..."}}</c>.</summary>
    public static JsonNode OpenStackFault(ApiException error)
    {
        var key = error.Type ?? error.Status switch
        {
            400 => "badRequest",
            403 => "forbidden",
            404 => "itemNotFound",
            405 => "badMethod",
            406 => "notAcceptable",
            409 => "conflictingRequest",
            413 or 429 => "overLimit",
            501 => "notImplemented",
            503 => "serviceUnavailable",
            _ => "computeFault",
        };
        var body = new JsonObject { ["code"] = error.Status, ["message"] = error.Message };
        if (error.Headers.TryGetValue("Retry-After", out var retry))
        {
            body["retryAfter"] = retry;
        }
        return new JsonObject { [key] = body };
    }

    /// <summary>Neutron: <c>{"NeutronError":{"type":"...","message":"...","detail":""}}</c>.</summary>
    public static JsonNode NeutronError(ApiException error) => new JsonObject
    {
        ["NeutronError"] = new JsonObject
        {
            ["type"] = error.Type ?? error.Status switch
            {
                400 => "HTTPBadRequest",
                403 => "HTTPForbidden",
                404 => "HTTPNotFound",
                409 => "HTTPConflict",
                429 => "HTTPTooManyRequests",
                503 => "HTTPServiceUnavailable",
                _ => "HTTPInternalServerError",
            },
            ["message"] = error.Message,
            ["detail"] = "",
        },
    };
}
