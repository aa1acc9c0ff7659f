using System.Text.Json.Nodes;
using Crd.Provider.Tests.Support;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using Xunit.Abstractions;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// Issue 5 item 8: crd-sim answers 10 % of the requests on every route with 429 (Retry-After),
/// 10 % with 503 and resets 10 % of the connections; an apply of 50 crd_vm, each with a
/// crd_volume attached, over two sites must succeed, leave crd-sim holding exactly what the
/// state holds, and a destroy must leave nothing of the tenants behind.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FaultsTests(FaultsTests.Sim fixture, ITestOutputHelper output) : IClassFixture<FaultsTests.Sim>
{
    private const int Vms = 50;
    private static readonly string[] Sites = ["toulouse", "paris"];

    [Fact]
    public async Task Apply50VmsWithVolumes_UnderInjectedFaults_SimMatchesStateAndDestroyLeavesNothing()
    {
        var sim = await fixture.GetAsync();
        var quota = new JsonObject { ["instances"] = Vms, ["cores"] = 4 * Vms, ["ramGb"] = 4 * Vms, ["volumes"] = Vms, ["storageGb"] = 10 * Vms, ["floatingIps"] = Vms, ["ports"] = 4 * Vms };
        var tenants = new List<SimTenant>();
        foreach (var site in Sites)
        {
            tenants.Add(await sim.CreateTenantAsync(site, quota));
        }

        // The tenant's own ports (router interface...) exist before and must survive the destroy.
        var baselinePorts = await IdsAsync(sim, "network.ports", tenants);
        var config = Configuration(tenants);
        var harness = new TerraformHarness(new HarnessOptions
        {
            ProviderExecutable = ProviderBinary.Path,
            Environment = new Dictionary<string, string?> { ["CRD_DEFAULT_SITE"] = null, ["OS_CLIENT_CONFIG_FILE"] = null, ["TF_LOG"] = null },
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await sim.SetFaultsAsync(Faults());
        await sim.ResetStatsAsync();
        try
        {
            await harness.ApplyAsync(config, deadline.Token);
            await AssertSimHoldsStateAsync(sim, harness, tenants, baselinePorts);

            await harness.DestroyAsync(config, deadline.Token);
            var stats = await sim.StatsAsync();
            output.WriteLine("requests under faults (apply + destroy): " + stats.ToJsonString());
            // The faults really fired: otherwise this test proves nothing.
            Assert.All(new[] { "429", "503", "reset" }, outcome => Assert.True(stats["by_outcome"]?[outcome]?.GetValue<long>() > 0, $"no {outcome} injected"));
        }
        finally
        {
            await sim.ClearFaultsAsync();
        }

        Assert.Empty(harness.State.Instances);
        Assert.Empty(await IdsAsync(sim, "compute.servers", tenants));
        Assert.Empty(await IdsAsync(sim, "volume.volumes", tenants));
        Assert.Empty(await IdsAsync(sim, "network.floatingips", tenants));
        Assert.Equal(baselinePorts, await IdsAsync(sim, "network.ports", tenants));
    }

    // Fire() picks at most one status/reset rule per request, trying the rules in order: rates of
    // 10 %, 10/90 and 10/80 make each outcome hit 10 % of all requests (30 % in all).
    private static JsonArray Faults() =>
    [
        new JsonObject { ["name"] = "rate-limit", ["kind"] = "status", ["status"] = 429, ["retryAfter"] = 1, ["rate"] = 0.10 },
        new JsonObject { ["name"] = "unavailable", ["kind"] = "status", ["status"] = 503, ["rate"] = 0.10 / 0.90 },
        new JsonObject { ["name"] = "reset", ["kind"] = "reset", ["rate"] = 0.10 / 0.80 },
    ];

    private static TerraformConfiguration Configuration(IReadOnlyList<SimTenant> tenants)
    {
        var provider = CrdSim.ProviderBlock([.. tenants]);
        // 30 % of the attempts fail: with the default 5 retries one call in 0.3^6 = 1/1400 still
        // fails after its last retry, and an apply makes thousands of calls. 10 retries: 1/570,000.
        provider["max_retries"] = 10;
        var resources = new List<ResourceConfig>();
        for (var i = 0; i < Vms; i++)
        {
            var site = tenants[i % tenants.Count].Site;
            resources.Add(new ResourceConfig("crd_vm", $"vm{i:D2}", new Dictionary<string, object?>
            {
                ["name"] = $"faults-{i:D2}",
                ["site"] = site,
                ["flavor"] = "m1.tiny",
                ["image"] = "ubuntu-24.04",
                // One VM in five with a floating IP: allocation and association under faults too.
                ["floating_ip"] = i % 5 == 0,
            }));
            resources.Add(new ResourceConfig("crd_volume", $"data{i:D2}", new Dictionary<string, object?>
            {
                ["name"] = $"faults-data-{i:D2}",
                ["site"] = site,
                ["size_gb"] = 1,
                ["attach_to"] = new Ref($"crd_vm.vm{i:D2}", "id"),
            }));
        }

        return new TerraformConfiguration { Provider = provider, Resources = resources };
    }

    private static async Task AssertSimHoldsStateAsync(CrdSim sim, TerraformHarness harness, IReadOnlyList<SimTenant> tenants, SortedSet<string> baselinePorts)
    {
        var vms = Instances(harness, "crd_vm");
        var volumes = Instances(harness, "crd_volume");
        Assert.Equal(Vms, vms.Count);
        Assert.Equal(Vms, volumes.Count);
        Assert.All(harness.State.Instances.Values, i => Assert.False(i.Tainted, $"tainted {i.Type}"));

        var serverIds = new SortedSet<string>(vms.Select(v => Str(v, "id")), StringComparer.Ordinal);
        Assert.Equal(serverIds, await IdsAsync(sim, "compute.servers", tenants));
        Assert.Equal(new SortedSet<string>(volumes.Select(v => Str(v, "id")), StringComparer.Ordinal), await IdsAsync(sim, "volume.volumes", tenants));

        // Each volume is attached, in crd-sim, to the server its attach_to names.
        var simVolumes = (await ObjectsAsync(sim, "volume.volumes", tenants)).ToDictionary(v => Str(v, "Id"));
        foreach (var volume in volumes)
        {
            var attachments = simVolumes[Str(volume, "id")]["Attachments"]!.AsArray();
            Assert.Equal(Str(volume, "attach_to"), Assert.Single(attachments)!["ServerId"]!.GetValue<string>());
        }

        // Ports: the tenant's own ones, plus one per server and nothing else (no port of a retried create).
        var ports = await ObjectsAsync(sim, "network.ports", tenants);
        var serverPorts = ports.Where(p => !baselinePorts.Contains(Str(p, "Id"))).ToList();
        Assert.All(serverPorts, p => Assert.Contains(Str(p, "DeviceId"), serverIds));
        Assert.Equal(Vms, serverPorts.Count);

        // Floating IPs: exactly the public_ip of the VMs that asked for one, each associated.
        var floatingIps = await ObjectsAsync(sim, "network.floatingips", tenants);
        var expected = vms.Select(v => v["public_ip"]?.GetValue<string>() ?? "").Where(ip => ip.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal((Vms + 4) / 5, expected.Count);
        Assert.Equal(expected, floatingIps.Select(f => Str(f, "FloatingIpAddress")).Order(StringComparer.Ordinal).ToList());
        Assert.All(floatingIps, f => Assert.False(string.IsNullOrEmpty(f["PortId"]?.GetValue<string>()), "floating IP not associated"));
    }

    private static List<JsonObject> Instances(TerraformHarness harness, string type) =>
        [.. harness.State.Instances.Values.Where(i => i.Type == type).Select(i => JsonNode.Parse(i.AttributesJson)!.AsObject())];

    private static async Task<List<JsonObject>> ObjectsAsync(CrdSim sim, string collection, IReadOnlyList<SimTenant> tenants)
    {
        var all = new List<JsonObject>();
        foreach (var tenant in tenants)
        {
            all.AddRange(await sim.ListObjectsAsync(collection, tenant));
        }

        return all;
    }

    private static async Task<SortedSet<string>> IdsAsync(CrdSim sim, string collection, IReadOnlyList<SimTenant> tenants) =>
        new((await ObjectsAsync(sim, collection, tenants)).Select(o => Str(o, "Id")), StringComparer.Ordinal);

    private static string Str(JsonObject node, string name) =>
        node[name]?.GetValue<string>() ?? throw new InvalidOperationException($"no {name} in {node.ToJsonString()}");

    /// <summary>One crd-sim for this class with real (short) transitions: builds take 1 s.</summary>
    public sealed class Sim : SharedCrdSim
    {
        /// <summary>Starts lazily with <c>--build-seconds 1</c>.</summary>
        public Sim()
            : base("--build-seconds", "1")
        {
        }
    }
}
