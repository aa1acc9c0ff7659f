using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Crd.Simulator.Tests.Support;

/// <summary>A thin HTTP client for crd-sim: raw requests, tenants, authentication, clock.</summary>
public sealed class SimClient(string baseUrl) : IDisposable
{
    /// <summary>The underlying client.</summary>
    public HttpClient Http { get; } = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends a request; never throws for HTTP error statuses.</summary>
    public async Task<SimResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? token = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Http.SendAsync(request);
        return await SimResponse.ReadAsync(response);
    }

    /// <summary>Sends a raw string body (for malformed JSON tests).</summary>
    public async Task<SimResponse> SendRawAsync(HttpMethod method, string path, string body, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }
        using var response = await Http.SendAsync(request);
        return await SimResponse.ReadAsync(response);
    }

    /// <summary>GET.</summary>
    public Task<SimResponse> GetAsync(string path, string? token = null, params (string, string)[] headers) =>
        SendAsync(HttpMethod.Get, path, null, token, headers);

    /// <summary>POST.</summary>
    public Task<SimResponse> PostAsync(string path, JsonNode? body, string? token = null, params (string, string)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, token, headers);

    /// <summary>Creates a fresh tenant through <c>POST /_sim/projects</c>.</summary>
    public async Task<TenantCredentials> CreateTenantAsync(string site, string? name = null, JsonObject? quota = null, params string[] roles)
    {
        var body = new JsonObject { ["site"] = site, ["name"] = name ?? "t-" + Guid.NewGuid().ToString("N")[..10] };
        if (quota is not null)
        {
            body["quota"] = quota;
        }
        if (roles.Length > 0)
        {
            body["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
        }
        var response = await PostAsync("/_sim/projects", body);
        response.AssertStatus(201);
        var json = response.Json!;
        return new TenantCredentials(site, json["project_id"]!.GetValue<string>(), json["application_credential_id"]!.GetValue<string>(),
            json["application_credential_secret"]!.GetValue<string>(), json["user_id"]!.GetValue<string>(), json["password"]!.GetValue<string>(),
            json["project_name"]!.GetValue<string>());
    }

    /// <summary>Authenticates with the tenant's application credential.</summary>
    public async Task<Session> AuthAsync(TenantCredentials tenant)
    {
        var response = await PostAsync($"/sites/{tenant.Site}/identity/v3/auth/tokens", AppCredentialBody(tenant.CredentialId, tenant.Secret));
        response.AssertStatus(201);
        return new Session(this, tenant.Site, response.Headers["X-Subject-Token"], tenant.ProjectId, response.Json!["token"]!.AsObject());
    }

    /// <summary>A new tenant, authenticated.</summary>
    public async Task<Session> NewSessionAsync(string site = "toulouse", JsonObject? quota = null, params string[] roles) =>
        await AuthAsync(await CreateTenantAsync(site, null, quota, roles));

    /// <summary>The application-credential auth body.</summary>
    public static JsonObject AppCredentialBody(string id, string secret) => new()
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray { "application_credential" },
                ["application_credential"] = new JsonObject { ["id"] = id, ["secret"] = secret },
            },
        },
    };

    /// <summary>Moves the simulated clock.</summary>
    public async Task AdvanceAsync(double seconds) =>
        (await PostAsync("/_sim/clock/advance", new JsonObject { ["seconds"] = seconds })).AssertStatus(200);

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => Http.Dispose();
}
