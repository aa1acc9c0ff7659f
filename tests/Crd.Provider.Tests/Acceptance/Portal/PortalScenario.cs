using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Crd.Provider.Tests.Support;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Provider.Tests.Acceptance.Portal;

/// <summary>
/// One portal acceptance test: a shared crd-sim, site blocks for toulouse and montpellier (fresh
/// credentials each), the portal with the staff or the user token, a harness driving the real
/// provider binary, and direct Waldur calls for what happens behind Terraform's back.
/// </summary>
internal sealed class PortalScenario : IDisposable
{
    private readonly HttpClient _http = new();

    private PortalScenario(CrdSim sim, SimTenant[] sites, string staffToken, string userToken, bool staff)
    {
        Sim = sim;
        Sites = sites;
        StaffToken = staffToken;
        UserToken = userToken;
        Token = staff ? staffToken : userToken;
        Harness = new TerraformHarness(new HarnessOptions { ProviderExecutable = ProviderBinary.Path, Environment = DataSourceReader.CleanEnvironment });
    }

    public CrdSim Sim { get; }

    public SimTenant[] Sites { get; }

    public string StaffToken { get; }

    public string UserToken { get; }

    /// <summary>The token the provider uses.</summary>
    public string Token { get; }

    public TerraformHarness Harness { get; }

    public string PortalUrl => Sim.BaseUrl + "/portal/api/";

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    public static async Task<PortalScenario> StartAsync(SharedCrdSim shared, bool staff = true, JsonObject? quota = null)
    {
        var sim = await shared.GetAsync();
        var users = await sim.ListObjectsAsync("portal.users");
        string TokenOf(string name) => users.Single(u => u["Username"]!.GetValue<string>() == name)["Token"]!.GetValue<string>();
        SimTenant[] sites = [await sim.CreateTenantAsync("toulouse", quota), await sim.CreateTenantAsync("montpellier", quota)];
        return new PortalScenario(sim, sites, TokenOf("staff"), TokenOf("demo"), staff);
    }

    /// <summary>The provider block: both sites, the portal.</summary>
    public Dictionary<string, object?> Provider()
    {
        var block = CrdSim.ProviderBlock(Sites);
        block["portal_url"] = PortalUrl;
        block["portal_token"] = Token;
        return block;
    }

    public TerraformConfiguration Config(params ResourceConfig[] resources) => new() { Provider = Provider(), Resources = resources };

    /// <summary>A <c>crd_project</c> of demo-lab with a unique name.</summary>
    public static ResourceConfig Project(string name, IEnumerable<string> sites, Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["customer"] = "demo-lab", ["sites"] = sites.ToArray() };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        return new ResourceConfig("crd_project", "p", body);
    }

    public static string NewName() => "proj-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A state attribute of <paramref name="address"/> as JSON.</summary>
    public JsonNode? Attribute(string address, string name)
        => JsonNode.Parse(Harness.State.Get(address)?.AttributesJson ?? throw new InvalidOperationException($"{address} is not in the state"))![name];

    public string? Text(string address, string name) => Attribute(address, name)?.GetValue<string>();

    /// <summary>The OpenStack project id of the project's tenant on <paramref name="site"/>, from state.</summary>
    public string TenantProject(string site) => Attribute("crd_project.p", "tenants")![site]!["project_id"]!.GetValue<string>();

    /// <summary>A Waldur call with <paramref name="token"/> (default the staff token).</summary>
    public async Task<JsonNode?> WaldurAsync(HttpMethod method, string path, JsonNode? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, PortalUrl + path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token ?? StaffToken);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, Deadline);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The project's marketplace resources as crd-sim stores them.</summary>
    public async Task<IReadOnlyList<JsonObject>> ResourcesAsync(string projectUuid)
        => [.. (await Sim.ListObjectsAsync("portal.resources")).Where(r => r["PortalProjectId"]?.GetValue<string>() == projectUuid)];

    /// <summary>Keystone projects with this id on any site.</summary>
    public async Task<bool> KeystoneProjectExistsAsync(string projectId)
        => (await Sim.ListObjectsAsync("identity.projects")).Any(p => p["Id"]?.GetValue<string>() == projectId);

    public void Dispose() => _http.Dispose();
}
