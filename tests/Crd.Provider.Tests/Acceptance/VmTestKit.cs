using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Provider.Tests.Support;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>Shared steps of the <c>crd_vm</c> acceptance tests: harness, configurations, state and crd-sim lookups.</summary>
internal static class VmTestKit
{
    public const string Address = "crd_vm.web";

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    public static TerraformHarness Harness() => new(new HarnessOptions
    {
        ProviderExecutable = ProviderBinary.Path,
        Environment = new Dictionary<string, string?> { ["CRD_DEFAULT_SITE"] = null, ["OS_CLIENT_CONFIG_FILE"] = null, ["CRD_PORTAL_URL"] = null, ["CRD_PORTAL_TOKEN"] = null },
    });

    /// <summary>A minimal VM body, changed by <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> Vm(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "web",
            ["flavor"] = "m1.small",
            ["image"] = "ubuntu-24.04",
        };
        change?.Invoke(body);
        return body;
    }

    public static TerraformConfiguration Config(SimTenant tenant, Dictionary<string, object?> body, string name = "web") => new()
    {
        Provider = CrdSim.ProviderBlock(tenant),
        Resources = [new ResourceConfig("crd_vm", name, body)],
    };

    /// <summary>The stored state of <paramref name="address"/> (Terraform's state JSON of its attributes).</summary>
    public static JsonObject State(TerraformHarness harness, string address = Address)
    {
        var instance = harness.State.Get(address) ?? throw new InvalidOperationException($"{address} is not in the state");
        return JsonNode.Parse(instance.AttributesJson)!.AsObject();
    }

    public static string? Text(JsonObject state, string attribute) => state[attribute]?.ToString();

    public static IReadOnlyList<string> Strings(JsonObject state, string attribute) =>
        [.. (state[attribute] as JsonArray ?? []).Select(e => e!.GetValue<string>())];

    /// <summary>The tenant's servers in crd-sim.</summary>
    public static Task<IReadOnlyList<JsonObject>> ServersAsync(CrdSim sim, SimTenant tenant) => sim.ListObjectsAsync("compute.servers", tenant);

    /// <summary>The tenant's floating IPs in crd-sim.</summary>
    public static Task<IReadOnlyList<JsonObject>> FloatingIpsAsync(CrdSim sim, SimTenant tenant) => sim.ListObjectsAsync("network.floatingips", tenant);

    /// <summary>The tenant's ports bound to a server.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ServerPortsAsync(CrdSim sim, SimTenant tenant) =>
        [.. (await sim.ListObjectsAsync("network.ports", tenant)).Where(p => p["DeviceOwner"]?.GetValue<string>()?.StartsWith("compute:", StringComparison.Ordinal) == true)];

    public static string Field(JsonObject entity, string name) => entity[name]?.ToString() ?? "";

    /// <summary>A Crd.Cloud session with the tenant's credentials, to change things as another tool would.</summary>
    public static SiteSession Session(SimTenant tenant) =>
        new(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret, null, false));

    /// <summary>Creates a security group in the tenant's project; returns its id.</summary>
    public static async Task<string> CreateSecurityGroupAsync(SiteSession session, string name)
    {
        var response = await session.SendAsync(CloudRequest.Post(CloudService.Network, "/security-groups",
            new JsonObject { ["security_group"] = new JsonObject { ["name"] = name } }), Deadline);
        return response.Object("security_group")["id"]!.GetValue<string>();
    }

    private const int CounterStart = 1_000_000;

    /// <summary>
    /// Counts the requests crd-sim receives for <paramref name="site"/> with zero-latency fault rules
    /// (each firing rule decrements its count): one rule for everything, one per named path glob.
    /// </summary>
    public static Task StartCountingAsync(CrdSim sim, string site, params (string Name, string Method, string Service, string Path)[] filters)
    {
        var rules = new JsonArray(new JsonObject { ["name"] = "all", ["site"] = site, ["kind"] = "latency", ["latencyMs"] = 0, ["count"] = CounterStart });
        foreach (var (name, method, service, path) in filters)
        {
            rules.Add(new JsonObject { ["name"] = name, ["site"] = site, ["method"] = method, ["service"] = service, ["path"] = path, ["kind"] = "latency", ["latencyMs"] = 0, ["count"] = CounterStart });
        }

        return sim.SetFaultsAsync(rules);
    }

    /// <summary>Requests counted per rule name since <see cref="StartCountingAsync"/>.</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(CrdSim sim)
    {
        var answer = JsonNode.Parse(await sim.Http.GetStringAsync(sim.BaseUrl + "/_sim/faults"))!;
        return (answer["faults"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(
            r => (r["name"] ?? r["Name"])!.GetValue<string>(),
            r => CounterStart - (r["count"] ?? r["Count"])!.GetValue<int>());
    }
}
