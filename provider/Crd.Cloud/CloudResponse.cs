using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Crd.Cloud;

/// <summary>A successful (2xx) answer.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Parsed JSON body, null when empty or not JSON.</param>
/// <param name="Headers">Response headers.</param>
public sealed record CloudResponse(int StatusCode, JsonNode? Body, HttpResponseHeaders Headers)
{
    /// <summary>The <c>Location</c> header, if any.</summary>
    public Uri? Location => Headers.Location;

    /// <summary>The body's member <paramref name="name"/> as an object, or a clear error.</summary>
    public JsonObject Object(string name) => Body?[name] as JsonObject
        ?? throw new CloudProtocolException($"expected a JSON object \"{name}\" in the response, got {Describe(Body)}");

    /// <summary>The body's member <paramref name="name"/> as an array (empty when absent).</summary>
    public JsonArray Array(string name) => Body?[name] as JsonArray ?? [];

    private static string Describe(JsonNode? node) => node is null ? "no body" : node.ToJsonString().Length > 200 ? node.ToJsonString()[..200] + "..." : node.ToJsonString();
}
