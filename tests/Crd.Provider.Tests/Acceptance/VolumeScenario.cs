using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Polling;
using Crd.Provider.Tests.Support;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// One crd_volume acceptance test: a fresh tenant on a shared crd-sim, a harness driving the real
/// provider binary, configuration builders, and direct API access for servers and drift.
/// </summary>
internal sealed class VolumeScenario : IAsyncDisposable
{
    private readonly SiteSession _api;

    private VolumeScenario(CrdSim sim, SimTenant tenant)
    {
        Sim = sim;
        Tenant = tenant;
        _api = new SiteSession(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret));
        Harness = new TerraformHarness(new HarnessOptions
        {
            ProviderExecutable = ProviderBinary.Path,
            Environment = new Dictionary<string, string?> { ["CRD_DEFAULT_SITE"] = null, ["OS_CLIENT_CONFIG_FILE"] = null, ["CRD_PORTAL_URL"] = null, ["CRD_PORTAL_TOKEN"] = null },
        });
    }

    public CrdSim Sim { get; }

    public SimTenant Tenant { get; }

    public TerraformHarness Harness { get; }

    /// <summary>A session of the tenant's credentials, for calls made behind the provider's back.</summary>
    public SiteSession Api => _api;

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    public static async Task<VolumeScenario> StartAsync(SharedCrdSim shared, string site = "toulouse")
    {
        var sim = await shared.GetAsync();
        return new VolumeScenario(sim, await sim.CreateTenantAsync(site));
    }

    /// <summary>A configuration of <paramref name="resources"/> under the tenant's provider block.</summary>
    public TerraformConfiguration Config(params ResourceConfig[] resources) => new()
    {
        Provider = CrdSim.ProviderBlock(Tenant),
        Resources = resources,
    };

    /// <summary>A <c>crd_volume</c> block.</summary>
    public static ResourceConfig Volume(string name, Dictionary<string, object?> body) => new("crd_volume", name, body);

    /// <summary>A state attribute of <paramref name="address"/> as JSON.</summary>
    public JsonNode? Attribute(string address, string name)
        => JsonNode.Parse(Harness.State.Get(address)?.AttributesJson ?? throw new InvalidOperationException($"{address} is not in the state"))![name];

    /// <summary>A string attribute of <paramref name="address"/>.</summary>
    public string? Text(string address, string name) => Attribute(address, name)?.GetValue<string>();

    /// <summary>The tenant's volumes as crd-sim stores them.</summary>
    public Task<IReadOnlyList<JsonObject>> VolumesAsync() => Sim.ListObjectsAsync("volume.volumes", Tenant);

    /// <summary>One volume as crd-sim stores it.</summary>
    public async Task<JsonObject> VolumeObjectAsync(string id) => (await VolumesAsync()).Single(v => v["Id"]!.GetValue<string>() == id);

    /// <summary>Creates an ACTIVE server directly through Nova (for attach tests) and returns its id.</summary>
    public async Task<string> CreateServerAsync(string name)
    {
        var ct = Deadline;
        var flavor = await new FlavorClient(_api).ResolveAsync("m1.tiny", ct);
        var image = await new ImageClient(_api).ResolveAsync("debian-12", ct);
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = flavor.Id, ["imageRef"] = image.Id, ["networks"] = "auto" } };
        var created = await _api.SendAsync(CloudRequest.Post(CloudService.Compute, "/servers", body, "2.79"), ct);
        var id = created.Object("server")["id"]!.GetValue<string>();
        await Poller.UntilAsync($"server {id} ACTIVE", TimeSpan.FromMinutes(1), async c =>
        {
            var server = (await _api.SendAsync(CloudRequest.Get(CloudService.Compute, "/servers/" + id, "2.79"), c)).Object("server");
            var status = server["status"]!.GetValue<string>();
            return status == "ACTIVE" ? PollStep<bool>.Done(true) : PollStep<bool>.Pending(status);
        }, ct);
        return id;
    }

    /// <summary>The volume ids Nova lists as attached to <paramref name="serverId"/>.</summary>
    public async Task<IReadOnlyList<string>> NovaAttachmentsAsync(string serverId)
        => [.. (await new VolumeAttachmentClient(_api).ListAsync(serverId, Deadline)).Select(a => a.VolumeId)];

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        return ValueTask.CompletedTask;
    }
}
