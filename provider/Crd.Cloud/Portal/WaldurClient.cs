using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Cloud.Http;

namespace Crd.Cloud.Portal;

/// <summary>
/// The Waldur REST API (apis.md §3): <c>Authorization: Token</c>, objects referenced by URL,
/// lists paginated with <c>Link</c> and <c>X-Result-Count</c>, DRF error bodies quoted in
/// <see cref="CloudApiException"/>, the same resilience policy as the sites. Thread-safe; one
/// per provider process. Typed calls live in the partial files beside this one.
/// </summary>
public sealed partial class WaldurClient : IDisposable
{
    /// <summary>Site name used in exception messages: the portal is not a site.</summary>
    public const string Scope = "portal";

    private const string Service = "waldur";
    private const int PageSize = 100;

    private readonly HttpClient _http;
    private readonly ResilienceHandler _resilience;
    private readonly string _root;
    private readonly string _authorization;

    /// <summary>Creates a client; nothing is sent until the first call.</summary>
    /// <param name="options">API URL and token.</param>
    /// <param name="cloud">Retries and timeouts (the provider's <c>max_retries</c>).</param>
    /// <param name="transport">Innermost handler (tests); default a pooled <see cref="SocketsHttpHandler"/>.</param>
    public WaldurClient(WaldurOptions options, CloudOptions? cloud = null, HttpMessageHandler? transport = null)
    {
        Options = cloud ?? CloudOptions.Default;
        _root = options.ApiUrl.TrimEnd('/') + "/";
        _authorization = "Token " + options.Token;
        _resilience = new ResilienceHandler(Options, transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) });
        _http = new HttpClient(_resilience) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Retries and timeouts.</summary>
    public CloudOptions Options { get; }

    /// <summary>The API root, ending with a slash.</summary>
    public string Root => _root;

    /// <summary>HTTP requests sent so far (retries included).</summary>
    public long RequestCount => _resilience.Requests;

    /// <summary>The URL Waldur uses to reference an object: <c>&lt;root&gt;&lt;kind&gt;/&lt;uuid&gt;/</c>.</summary>
    public string UrlOf(string kind, string uuid) => $"{_root}{kind}/{Uri.EscapeDataString(uuid)}/";

    /// <summary>The uuid at the end of a Waldur object URL, or the text itself when it is no URL.</summary>
    public static string UuidOf(string urlOrUuid)
    {
        var match = TrailingUuid().Match(urlOrUuid);
        return match.Success ? match.Groups[1].Value : urlOrUuid;
    }

    /// <summary>One call; <paramref name="path"/> is relative to the root (<c>projects/</c>) or an absolute URL Waldur gave.</summary>
    public async Task<CloudResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var url = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? path : _root + path.TrimStart('/');
        using var message = new HttpRequestMessage(method, url);
        message.Headers.TryAddWithoutValidation("Authorization", _authorization);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (body is not null)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CloudUnreachableException($"cannot reach the portal at {new Uri(_root).GetLeftPart(UriPartial.Authority)} after {Options.MaxRetries} retries: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var relative = RelativePath(url);
            if (status is >= 200 and < 300)
            {
                return new CloudResponse(status, ParseJson(text), response.Headers);
            }

            var detail = WaldurErrors.Parse(text);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                detail += " (check portal_token / CRD_PORTAL_TOKEN: the portal refused it)";
            }

            throw new CloudApiException(Scope, Service, method, relative, status, null, detail, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>GET of one object.</summary>
    public async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
        => Expect(await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false), path);

    /// <summary>POST returning an object (an empty body gives an empty object).</summary>
    public async Task<JsonObject> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false)).Body as JsonObject ?? [];

    /// <summary>
    /// Every item of a list, following the <c>Link: rel="next"</c> header page after page (and
    /// checking the count against <c>X-Result-Count</c>). <paramref name="query"/> is appended to
    /// the first request; later pages use the URLs Waldur gives.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, string? query, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? next = $"{path}?page_size={PageSize}{(string.IsNullOrEmpty(query) ? "" : "&" + query)}";
        long? total = null;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages > 1000)
            {
                throw new CloudProtocolException($"the portal's list {path} did not end after 1000 pages");
            }

            var response = await SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            if (response.Body is not JsonArray page)
            {
                throw new CloudProtocolException($"expected a JSON list from the portal's {path}, got {(response.Body is null ? "no body" : response.Body.GetValueKind().ToString())}");
            }

            items.AddRange(page.OfType<JsonObject>());
            total ??= response.Headers.TryGetValues("X-Result-Count", out var counts) && long.TryParse(counts.FirstOrDefault(), out var count) ? count : null;
            next = page.Count == 0 || (total is { } expected && items.Count >= expected) ? null : NextLink(response.Headers);
        }

        return items;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>The <c>rel="next"</c> URL of a <c>Link</c> header (RFC 8288), or null.</summary>
    internal static string? NextLink(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(",", values).Split(','))
        {
            var match = LinkPart().Match(part);
            if (match.Success && match.Groups[2].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
            {
                return match.Groups[1].Value;
            }
        }

        return null;
    }

    private static JsonObject Expect(CloudResponse response, string path)
        => response.Body as JsonObject ?? throw new CloudProtocolException($"expected a JSON object from the portal's {RelativePathOf(path)}");

    private string RelativePath(string url)
    {
        var withoutQuery = url.Split('?')[0];
        return "/" + (withoutQuery.StartsWith(_root, StringComparison.Ordinal) ? withoutQuery[_root.Length..] : new Uri(withoutQuery).AbsolutePath.TrimStart('/'));
    }

    private static string RelativePathOf(string path) => path.Split('?')[0];

    private static JsonNode? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("/([0-9a-fA-F-]{32,36})/?$")]
    private static partial Regex TrailingUuid();

    [GeneratedRegex("""^\s*<([^>]*)>\s*;\s*rel\s*=\s*"?([^";]*)"?""")]
    private static partial Regex LinkPart();
}
