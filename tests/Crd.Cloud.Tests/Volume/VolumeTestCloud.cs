using System.Text.Json.Nodes;
using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Polling;
using Crd.Cloud.Tests.Support;
using Crd.Simulator.Testing;

namespace Crd.Cloud.Tests.Volume;

/// <summary>A fresh tenant for one volume test: its session, the sim's view of its volumes, and ACTIVE servers to attach to.</summary>
internal sealed class VolumeTestCloud : IDisposable
{
    public static readonly CloudOptions Fast = new() { MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromSeconds(1) };

    private VolumeTestCloud(CrdSim sim, SimTenant tenant, SiteSession session)
    {
        Sim = sim;
        Tenant = tenant;
        Session = session;
    }

    public CrdSim Sim { get; }

    public SimTenant Tenant { get; }

    public SiteSession Session { get; }

    public static TimeSpan Timeout => TimeSpan.FromSeconds(60);

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    public static async Task<VolumeTestCloud> StartAsync(CloudSim fixture, HttpMessageHandler? transport = null, CloudOptions? options = null)
    {
        var tenant = await fixture.Sim.CreateTenantAsync("toulouse");
        var session = new SiteSession(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret), options ?? Fast, transport);
        return new VolumeTestCloud(fixture.Sim, tenant, session);
    }

    /// <summary>The tenant's volumes in crd-sim, those being deleted left out.</summary>
    public async Task<IReadOnlyList<JsonObject>> LiveVolumesAsync()
        => [.. (await Sim.ListObjectsAsync("volume.volumes", Tenant)).Where(v => v["Status"]?.GetValue<string>() != "deleting")];

    /// <summary>An ACTIVE server of the tenant.</summary>
    public async Task<string> CreateServerAsync(string name)
    {
        var flavor = await new FlavorClient(Session).ResolveAsync("m1.tiny", Deadline);
        var image = await new ImageClient(Session).ResolveAsync("debian-12", Deadline);
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = flavor.Id, ["imageRef"] = image.Id, ["networks"] = "auto" } };
        var id = (await Session.SendAsync(CloudRequest.Post(CloudService.Compute, "/servers", body, "2.79"), Deadline)).Object("server")["id"]!.GetValue<string>();
        return await Poller.UntilAsync($"server {id} ACTIVE", Timeout, async ct =>
        {
            var status = (await Session.SendAsync(CloudRequest.Get(CloudService.Compute, "/servers/" + id), ct)).Object("server")["status"]!.GetValue<string>();
            return status == "ACTIVE" ? PollStep<string>.Done(id) : PollStep<string>.Pending(status);
        }, Deadline);
    }

    public void Dispose() => Session.Dispose();
}
