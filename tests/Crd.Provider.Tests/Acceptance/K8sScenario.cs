using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.ContainerInfra;
using Crd.Provider.Tests.Support;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// One crd_k8s_cluster acceptance test: a fresh tenant on a shared crd-sim, a harness driving the
/// real provider binary, configuration builders, and Magnum access behind the provider's back
/// (drift, checks).
/// </summary>
internal sealed class K8sScenario : IAsyncDisposable
{
    public const string Address = "crd_k8s_cluster.k";

    private K8sScenario(CrdSim sim, SimTenant tenant)
    {
        Sim = sim;
        Tenant = tenant;
        Api = new SiteSession(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret));
        Magnum = new MagnumClient(Api);
        Harness = new TerraformHarness(new HarnessOptions
        {
            ProviderExecutable = ProviderBinary.Path,
            Environment = new Dictionary<string, string?> { ["CRD_DEFAULT_SITE"] = null, ["OS_CLIENT_CONFIG_FILE"] = null, ["CRD_PORTAL_URL"] = null, ["CRD_PORTAL_TOKEN"] = null },
        });
    }

    public CrdSim Sim { get; }

    public SimTenant Tenant { get; }

    public TerraformHarness Harness { get; }

    public SiteSession Api { get; }

    public MagnumClient Magnum { get; }

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    public static async Task<K8sScenario> StartAsync(SharedCrdSim shared, string site = "toulouse", JsonObject? quota = null)
    {
        var sim = await shared.GetAsync();
        return new K8sScenario(sim, await sim.CreateTenantAsync(site, quota));
    }

    /// <summary>A minimal cluster body: the default template, small flavors, one worker.</summary>
    public static Dictionary<string, object?> Body(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "k",
            ["template"] = "k8s-v1.30",
            ["master_flavor"] = "m1.small",
            ["worker_flavor"] = "m1.small",
            ["node_count"] = 1,
        };
        change?.Invoke(body);
        return body;
    }

    public static Dictionary<string, object?> Group(string name, int count, string flavor = "m1.small", int? min = null, int? max = null, Dictionary<string, object?>? labels = null)
    {
        var group = new Dictionary<string, object?> { ["name"] = name, ["flavor"] = flavor, ["node_count"] = count };
        if (min is not null)
        {
            group["min_nodes"] = min;
        }

        if (max is not null)
        {
            group["max_nodes"] = max;
        }

        if (labels is not null)
        {
            group["labels"] = labels;
        }

        return group;
    }

    /// <summary>A configuration of one cluster under the tenant's provider block.</summary>
    public TerraformConfiguration Config(Dictionary<string, object?> body, params ResourceConfig[] more) => new()
    {
        Provider = CrdSim.ProviderBlock(Tenant),
        Resources = [new ResourceConfig("crd_k8s_cluster", "k", body), .. more],
    };

    public JsonNode? Attribute(string name, string address = Address)
        => JsonNode.Parse(Harness.State.Get(address)?.AttributesJson ?? throw new InvalidOperationException($"{address} is not in the state"))![name];

    public string? Text(string name, string address = Address) => Attribute(name, address)?.GetValue<string>();

    public string Id => Text("id")!;

    /// <summary>The tenant's clusters as crd-sim stores them.</summary>
    public Task<IReadOnlyList<JsonObject>> ClustersAsync() => Sim.ListObjectsAsync("container-infra.clusters", Tenant);

    /// <summary>The cluster's nodegroups as Magnum reports them.</summary>
    public async Task<IReadOnlyList<MagnumNodegroup>> GroupsAsync() => await Magnum.ListNodegroupsAsync(Id, Deadline);

    public async Task<MagnumNodegroup> GroupAsync(string name) => (await GroupsAsync()).Single(g => g.Name == name);

    public ValueTask DisposeAsync()
    {
        Api.Dispose();
        return ValueTask.CompletedTask;
    }
}
