using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Cloud.Http;

namespace Crd.Cloud.Onedata;

/// <summary>
/// One Onedata REST endpoint (Onezone, or a site's Onepanel): the base URL with its
/// <c>/api/v3/&lt;service&gt;</c> prefix, the <c>X-Auth-Token</c> header, the resilience policy of
/// every site call, and errors carrying Onedata's own <c>error.id</c> and <c>description</c>.
/// Thread-safe; one instance per endpoint for the life of the provider process.
/// </summary>
public sealed class OnedataConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResilienceHandler _resilience;
    private readonly string _apiBase;
    private readonly string _token;

    /// <summary>Creates a connection; nothing is sent until the first call.</summary>
    /// <param name="label">What error messages call this endpoint: <c>onezone</c>, or the site name for a Onepanel.</param>
    /// <param name="service"><c>onezone</c> or <c>onepanel</c>: the API prefix and the service named in errors.</param>
    /// <param name="baseUrl">The service's base URL (<c>https://zone.example</c>); <c>/api/v3/&lt;service&gt;</c> is appended unless present.</param>
    /// <param name="token">The access token (never logged or printed).</param>
    /// <param name="options">Retries and timeouts.</param>
    /// <param name="transport">Innermost handler (tests); default: a pooled <see cref="SocketsHttpHandler"/>.</param>
    public OnedataConnection(string label, string service, string baseUrl, string token, CloudOptions? options = null, HttpMessageHandler? transport = null)
    {
        Label = label;
        Service = service;
        Options = options ?? CloudOptions.Default;
        var trimmed = baseUrl.TrimEnd('/');
        var prefix = "/api/v3/" + service;
        _apiBase = trimmed.EndsWith(prefix, StringComparison.Ordinal) ? trimmed : trimmed + prefix;
        _token = token;
        _resilience = new ResilienceHandler(Options, transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        });
        _http = new HttpClient(_resilience) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint's name in messages.</summary>
    public string Label { get; }

    /// <summary><c>onezone</c> or <c>onepanel</c>.</summary>
    public string Service { get; }

    /// <summary>Retries and timeouts.</summary>
    public CloudOptions Options { get; }

    /// <summary>The API base, <c>…/api/v3/&lt;service&gt;</c>.</summary>
    public string ApiBase => _apiBase;

    /// <summary>HTTP attempts sent so far (each retry counts).</summary>
    public long RequestCount => _resilience.Requests;

    /// <summary>
    /// Sends one call and returns the 2xx answer, or throws <see cref="CloudApiException"/> with
    /// Onedata's error id (<c>badValueTooHigh</c>...) and description, quoted.
    /// </summary>
    public async Task<CloudResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool authenticated = true)
    {
        using var message = new HttpRequestMessage(method, _apiBase + path);
        if (authenticated)
        {
            message.Headers.TryAddWithoutValidation("X-Auth-Token", _token);
        }

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
            throw new CloudUnreachableException($"cannot reach {Service} of {Label} at {message.RequestUri?.GetLeftPart(UriPartial.Authority)} after {Options.MaxRetries} retries: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new CloudResponse(status, Parse(text), response.Headers);
            }

            var (type, serviceMessage) = ServiceErrors.Parse(text);
            if (status == 401)
            {
                serviceMessage += $" (the {Service} token of {Label} was refused: check that it is valid and has not expired)";
            }

            throw new CloudApiException(Label, Service, method, path.Split('?')[0], status, type, serviceMessage, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static JsonNode? Parse(string text)
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
}
