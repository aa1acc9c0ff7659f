using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Cloud.Http;
using Crd.Cloud.Identity;

namespace Crd.Cloud;

/// <summary>
/// One authenticated connection to a site (DESIGN.md §5): application-credential token and
/// catalog cached, re-authentication on 401 or when the token nears its expiry, endpoints by
/// service type / public interface / region, microversion headers, the resilience policy.
/// Thread-safe; one instance per site for the life of the provider process.
/// </summary>
public sealed class SiteSession : IDisposable
{

    private readonly HttpClient _http;
    private readonly ResilienceHandler _resilience;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private readonly Func<CancellationToken, Task<PasswordCredentials>>? _password;
    private KeystoneToken? _token;

    /// <summary>Creates a session; nothing is sent until the first call.</summary>
    /// <param name="credentials">The site and its credentials.</param>
    /// <param name="options">Retries and timeouts.</param>
    /// <param name="transport">The innermost handler (tests); default: a pooled <see cref="SocketsHttpHandler"/> honouring <c>cacert_file</c>/<c>insecure</c>.</param>
    /// <param name="time">Clock for token expiry and caches.</param>
    public SiteSession(SiteCredentials credentials, CloudOptions? options = null, HttpMessageHandler? transport = null, TimeProvider? time = null)
    {
        Credentials = credentials;
        Options = options ?? CloudOptions.Default;
        _time = time ?? TimeProvider.System;
        _resilience = new ResilienceHandler(Options, transport ?? CreateTransport(credentials));
        _http = new HttpClient(_resilience) { Timeout = Timeout.InfiniteTimeSpan };
        Cache = new SessionCache(_time);
    }

    /// <summary>
    /// A session that signs in with a password scoped to a project (a portal tenant) instead of
    /// <paramref name="credentials"/>' application credential; <paramref name="password"/> is asked
    /// at each authentication, so credentials are read at run time and never kept elsewhere.
    /// </summary>
    public SiteSession(SiteCredentials credentials, Func<CancellationToken, Task<PasswordCredentials>> password, CloudOptions? options = null, HttpMessageHandler? transport = null, TimeProvider? time = null)
        : this(credentials, options, transport, time)
    {
        _password = password;
    }

    /// <summary>The site name.</summary>
    public string Site => Credentials.Site;

    /// <summary>Credentials in use (the secret is never printed).</summary>
    public SiteCredentials Credentials { get; }

    /// <summary>Retries and timeouts.</summary>
    public CloudOptions Options { get; }

    /// <summary>True for a session that signs in with a project-scoped password (a portal tenant).</summary>
    public bool IsPasswordScoped => _password is not null;

    /// <summary>Per-site cache for lists shared by resources (flavors, networks, security groups).</summary>
    public SessionCache Cache { get; }

    /// <summary>HTTP requests sent so far, authentication and retries included.</summary>
    public long RequestCount => _resilience.Requests;

    /// <summary>Authentications performed so far (1 for a whole run unless the token expired).</summary>
    public int AuthenticationCount { get; private set; }

    /// <summary>The project the credentials are scoped to.</summary>
    public async Task<string> GetProjectIdAsync(CancellationToken cancellationToken) => (await GetTokenAsync(cancellationToken).ConfigureAwait(false)).ProjectId;

    /// <summary>The name of the project the credentials are scoped to.</summary>
    public async Task<string> GetProjectNameAsync(CancellationToken cancellationToken) => (await GetTokenAsync(cancellationToken).ConfigureAwait(false)).ProjectName;

    /// <summary>The catalog types the site offers.</summary>
    public async Task<IReadOnlyList<string>> GetServiceTypesAsync(CancellationToken cancellationToken) => (await GetTokenAsync(cancellationToken).ConfigureAwait(false)).ServiceTypes;

    /// <summary>Whether the site's catalog has a public endpoint for <paramref name="service"/> in the region.</summary>
    public async Task<bool> OffersAsync(CloudService service, CancellationToken cancellationToken) =>
        (await GetTokenAsync(cancellationToken).ConfigureAwait(false)).FindEndpoint(service, Credentials.Region) is not null;

    /// <summary>The endpoint URL used for <paramref name="service"/> (version path included).</summary>
    public async Task<string> GetEndpointAsync(CloudService service, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return token.FindEndpoint(service, Credentials.Region)
            ?? throw new CloudException($"site {Site} offers no {service.Name} service{(Credentials.Region is null ? "" : $" in region {Credentials.Region}")} (its catalog has: {string.Join(", ", token.ServiceTypes)})");
    }

    /// <summary>
    /// Sends one call: authenticates if needed, retries per the resilience policy, re-authenticates
    /// once on 401. Returns the 2xx answer or throws <see cref="CloudApiException"/> with the service's message.
    /// </summary>
    public async Task<CloudResponse> SendAsync(CloudRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = token.FindEndpoint(request.Service, Credentials.Region)
                ?? throw new CloudException($"site {Site} offers no {request.Service.Name} service (its catalog has: {string.Join(", ", token.ServiceTypes)})");
            using var message = new HttpRequestMessage(request.Method, endpoint + request.Path);
            message.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (request.Microversion is { } microversion)
            {
                message.Headers.TryAddWithoutValidation("OpenStack-API-Version", request.Service.Name + " " + microversion);
                if (request.Service.LegacyMicroversionHeader is { } legacy)
                {
                    message.Headers.TryAddWithoutValidation(legacy, microversion);
                }
            }

            foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Body is not null)
            {
                message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await SendRawAsync(message, request.Service.Name, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // Expired or revoked early (the site's clock, a restart): authenticate again, once.
                Invalidate(token);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new CloudResponse(status, ParseJson(text), response.Headers);
            }

            var (type, serviceMessage) = ServiceErrors.Parse(text);
            throw new CloudApiException(Site, request.Service.Name, request.Method, PathOnly(request.Path), status, type, serviceMessage, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _authLock.Dispose();
    }

    private async Task<KeystoneToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && !current.ExpiresWithin(Options.ReauthMargin, _time.GetUtcNow()))
        {
            return current;
        }

        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current is not null && !current.ExpiresWithin(Options.ReauthMargin, _time.GetUtcNow()))
            {
                return current;
            }

            var fresh = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, fresh);
            return fresh;
        }
        finally
        {
            _authLock.Release();
        }
    }

    private void Invalidate(KeystoneToken token) => Interlocked.CompareExchange(ref _token, null, token);

    private async Task<KeystoneToken> AuthenticateAsync(CancellationToken cancellationToken)
    {
        JsonObject identity;
        JsonObject? scope = null;
        var authUrl = Credentials.AuthUrl;
        string refused;
        if (_password is not null)
        {
            var password = await _password(cancellationToken).ConfigureAwait(false);
            authUrl = password.AuthUrl ?? authUrl;
            identity = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject { ["name"] = password.UserName, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password.Password },
                },
            };
            scope = new JsonObject { ["project"] = new JsonObject { ["id"] = password.ProjectId } };
            refused = $" (the portal's credentials of {password} were refused)";
        }
        else
        {
            identity = new JsonObject
            {
                ["methods"] = new JsonArray("application_credential"),
                ["application_credential"] = new JsonObject
                {
                    ["id"] = Credentials.ApplicationCredentialId,
                    ["secret"] = Credentials.ApplicationCredentialSecret,
                },
            };
            refused = $" (application credential {Credentials.ApplicationCredentialId} was refused: check the id and secret, and that it has not expired or been deleted)";
        }

        var auth = new JsonObject { ["identity"] = identity };
        if (scope is not null)
        {
            auth["scope"] = scope;
        }

        var body = new JsonObject { ["auth"] = auth };
        var url = IdentityBase(authUrl) + "/auth/tokens";
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await SendRawAsync(message, "identity", cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (type, serviceMessage) = ServiceErrors.Parse(text);
            var hint = response.StatusCode == HttpStatusCode.Unauthorized ? refused : "";
            throw new CloudApiException(Site, "identity", HttpMethod.Post, "/auth/tokens", (int)response.StatusCode, type, serviceMessage + hint);
        }

        var subject = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (subject is null || ParseJson(text)?["token"] is not JsonObject token)
        {
            throw new CloudProtocolException($"Keystone at {authUrl} answered without a token (X-Subject-Token header and token body expected)");
        }

        AuthenticationCount++;
        return new KeystoneToken(subject, token, _time.GetUtcNow());
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage message, string service, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CloudUnreachableException(
                $"cannot reach {service} on {Site} at {message.RequestUri?.GetLeftPart(UriPartial.Authority)} after {Options.MaxRetries} retries: {e.Message}", e);
        }
    }

    private static string IdentityBase(string authUrl)
    {
        var url = authUrl.TrimEnd('/');
        return url.EndsWith("/v3", StringComparison.Ordinal) ? url : url + "/v3";
    }

    private static string PathOnly(string path) => path.Split('?')[0];

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

    private static SocketsHttpHandler CreateTransport(SiteCredentials credentials)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        };
        if (credentials.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (credentials.CaCertFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }
}
