using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Crd.Cloud.Identity;

/// <summary>
/// A Keystone token with its project and catalog. Expiry is tracked on the local clock from the
/// token's own lifetime (<c>expires_at - issued_at</c>), so a skewed site clock cannot make us
/// use an expired token or re-authenticate on every call.
/// </summary>
internal sealed partial class KeystoneToken
{
    private readonly JsonArray _catalog;

    public KeystoneToken(string value, JsonObject token, DateTimeOffset receivedAt)
    {
        Value = value;
        _catalog = token["catalog"] as JsonArray ?? [];
        ProjectId = token["project"]?["id"]?.GetValue<string>() ?? "";
        ProjectName = token["project"]?["name"]?.GetValue<string>() ?? ProjectId;
        var issued = Parse(token["issued_at"]);
        var expires = Parse(token["expires_at"]);
        var lifetime = expires is { } e && issued is { } i && e > i ? e - i : TimeSpan.FromHours(1);
        LocalExpiry = receivedAt + lifetime;
    }

    /// <summary>The X-Subject-Token value (a secret: never logged).</summary>
    public string Value { get; }

    public string ProjectId { get; }

    public string ProjectName { get; }

    public DateTimeOffset LocalExpiry { get; }

    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => now + margin >= LocalExpiry;

    /// <summary>Catalog types offered by this site.</summary>
    public IReadOnlyList<string> ServiceTypes => [.. _catalog.Select(e => e?["type"]?.GetValue<string>()).OfType<string>()];

    /// <summary>The public endpoint of <paramref name="service"/> in <paramref name="region"/>, with the version path.</summary>
    public string? FindEndpoint(CloudService service, string? region)
    {
        foreach (var type in service.CatalogTypes)
        {
            var entry = _catalog.OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == type);
            var endpoint = (entry?["endpoints"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(ep =>
                ep["interface"]?.GetValue<string>() == "public"
                && (region is null || ep["region_id"]?.GetValue<string>() == region || ep["region"]?.GetValue<string>() == region));
            if (endpoint?["url"]?.GetValue<string>() is { } url)
            {
                url = url.TrimEnd('/');
                return service.VersionPath.Length > 0 && !VersionSuffix().IsMatch(url) ? url + service.VersionPath : url;
            }
        }

        return null;
    }

    private static DateTimeOffset? Parse(JsonNode? node) =>
        node?.GetValue<string>() is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    [GeneratedRegex(@"/v\d+(\.\d+)?$")]
    private static partial Regex VersionSuffix();
}
