using System.Text.Json.Nodes;

namespace Crd.Cloud;

/// <summary>One call to a service of a site.</summary>
/// <param name="Service">The service (endpoint from the catalog).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path relative to the service endpoint, with query string (<c>/servers/detail?name=web</c>).</param>
public sealed record CloudRequest(CloudService Service, HttpMethod Method, string Path)
{
    /// <summary>JSON body, if any.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>Microversion (<c>2.79</c>), sent as <c>OpenStack-API-Version</c> and the legacy header.</summary>
    public string? Microversion { get; init; }

    /// <summary>Extra request headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>GET shorthand.</summary>
    public static CloudRequest Get(CloudService service, string path, string? microversion = null) => new(service, HttpMethod.Get, path) { Microversion = microversion };

    /// <summary>POST shorthand.</summary>
    public static CloudRequest Post(CloudService service, string path, JsonNode? body, string? microversion = null) => new(service, HttpMethod.Post, path) { Body = body, Microversion = microversion };

    /// <summary>PUT shorthand.</summary>
    public static CloudRequest Put(CloudService service, string path, JsonNode? body, string? microversion = null) => new(service, HttpMethod.Put, path) { Body = body, Microversion = microversion };

    /// <summary>DELETE shorthand.</summary>
    public static CloudRequest Delete(CloudService service, string path, string? microversion = null) => new(service, HttpMethod.Delete, path) { Microversion = microversion };
}
