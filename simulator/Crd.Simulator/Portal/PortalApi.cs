using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Portal;

/// <summary>Waldur conventions: token auth, hyperlinked references, page/page_size pagination.</summary>
public static partial class PortalApi
{
    private const string UserKey = "crd.portal.user";

    /// <summary>Resolves <c>Authorization: Token &lt;t&gt;</c> (401 in DRF's words otherwise) and remembers the user.</summary>
    public static async Task AuthenticateAsync(HttpContext ctx, SimRuntime runtime)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Unauthorized("Authentication credentials were not provided.");
        }
        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "Token", StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthorized("Invalid token header. No credentials provided.");
        }
        var user = await runtime.Store.ExecuteAsync(tx => tx.All<PortalUser>().FirstOrDefault(u => u.Token == parts[1]));
        ctx.Items[UserKey] = user ?? throw Unauthorized("Invalid token.");
    }

    /// <summary>The authenticated user.</summary>
    public static PortalUser User(this HttpContext ctx) =>
        ctx.Items.TryGetValue(UserKey, out var value) && value is PortalUser user ? user : throw Unauthorized("Authentication credentials were not provided.");

    private static ApiException Unauthorized(string message)
    {
        var error = new ApiException(401, message);
        error.Headers["WWW-Authenticate"] = "Token";
        return error;
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:8480/portal/api</c>.</summary>
    public static string Root(HttpContext ctx) => ctx.BaseUrl() + "/portal/api";

    /// <summary>The URL of an object: <c>&lt;root&gt;/&lt;kind&gt;/&lt;uuid&gt;/</c>.</summary>
    public static string Url(HttpContext ctx, string kind, string uuid) => $"{Root(ctx)}/{kind}/{uuid}/";

    /// <summary>The uuid referenced by a hyperlink field (DRF's HyperlinkedRelatedField: a URL is required).</summary>
    public static string Ref(string? value, string kind, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw PortalErrors.Field(field, "This field is required.");
        }
        var match = Regex.Match(value, "/" + Regex.Escape(kind) + "/([0-9a-fA-F-]{32,36})/?$");
        return match.Success ? match.Groups[1].Value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()
            : throw PortalErrors.Field(field, "Invalid hyperlink - No URL match.");
    }

    /// <summary>A date field (YYYY-MM-DD), or null.</summary>
    public static string? Date(JsonObject body, string field)
    {
        var text = body.OptString(field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : throw PortalErrors.Field(field, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
    }

    /// <summary>A page of <paramref name="items"/> with <c>X-Result-Count</c> and a <c>Link</c> header.</summary>
    public static IResult Page(HttpContext ctx, IReadOnlyList<JsonNode> items)
    {
        var query = ctx.Request.Query;
        var size = int.TryParse(query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, 300) : 10;
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var last = Math.Max(1, (items.Count + size - 1) / size);
        if (page > last && items.Count > 0)
        {
            throw new ApiException(404, "Invalid page.");
        }
        var baseUrl = ctx.BaseUrl() + ctx.Request.Path;
        // Filters stay in every link, as DRF's pagination keeps the query string.
        var filters = string.Concat(query.Where(q => q.Key is not ("page" or "page_size"))
            .SelectMany(q => q.Value.Select(v => "&" + Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        string Link(int n) => $"{baseUrl}?page={n}&page_size={size}{filters}";
        var links = new List<string> { $"<{Link(1)}>; rel=\"first\"" };
        if (page > 1)
        {
            links.Add($"<{Link(page - 1)}>; rel=\"prev\"");
        }
        if (page < last)
        {
            links.Add($"<{Link(page + 1)}>; rel=\"next\"");
        }
        links.Add($"<{Link(last)}>; rel=\"last\"");
        ctx.Response.Headers["X-Result-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers.Link = string.Join(", ", links);
        return HttpJson.Json(new JsonArray([.. items.Skip((page - 1) * size).Take(size).Select(i => i.DeepClone())]));
    }

    /// <summary>ISO time as DRF writes it.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A query parameter, or null.</summary>
    public static string? Query(HttpContext ctx, string name) => ctx.Request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;
}
