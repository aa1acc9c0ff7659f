using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Quota;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Lookups;

/// <summary>Flavor, image and quota reads against crd-sim's default federation (DESIGN.md §7.1).</summary>
public sealed class LookupTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Flavors_ResolveByNameAndId_CachedPerSession()
    {
        using var session = await fixture.NewSessionAsync();
        var flavors = new FlavorClient(session);

        var small = await flavors.ResolveAsync("m1.small", Deadline);
        var sameById = await flavors.ResolveAsync(small.Id, Deadline);
        var gpu = await flavors.ResolveAsync("g1.large", Deadline);

        Assert.Equal((1, 2048L), (small.Vcpus, small.RamMb));
        Assert.Equal(small, sameById);
        Assert.Equal((8, 65536L), (gpu.Vcpus, gpu.RamMb));
        Assert.Equal(2, session.RequestCount); // one auth + one list, whatever the number of lookups
    }

    [Fact]
    public async Task Flavors_UnknownName_ErrorListsAvailable()
    {
        using var session = await fixture.NewSessionAsync("paris");

        var error = await Assert.ThrowsAsync<CloudLookupException>(() => new FlavorClient(session).ResolveAsync("m1.huge", Deadline));

        Assert.Contains("no flavor \"m1.huge\" on paris", error.Message, StringComparison.Ordinal);
        Assert.Contains("m1.tiny", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("g1.large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_ResolveByName_ActiveImage()
    {
        using var session = await fixture.NewSessionAsync();
        var images = new ImageClient(session);

        var debian = await images.ResolveAsync("debian-12", Deadline);
        var byId = await images.ResolveAsync(debian.Id, Deadline);

        Assert.Equal("debian-12", debian.Name);
        Assert.Equal("active", debian.Status);
        Assert.Equal(debian.Id, byId.Id);
    }

    [Fact]
    public async Task Images_PropertyFilter_KubernetesImageOnly()
    {
        using var session = await fixture.NewSessionAsync();

        var kube = await new ImageClient(session).ListAsync(new ImageQuery { Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["kube_version"] = "v1.30.2" } }, Deadline);

        Assert.Equal("ubuntu-22.04-kube-v1.30", Assert.Single(kube).Name);
    }

    [Fact]
    public async Task Images_UnknownName_ErrorListsAvailable()
    {
        using var session = await fixture.NewSessionAsync("reims");

        var error = await Assert.ThrowsAsync<CloudLookupException>(() => new ImageClient(session).ResolveAsync("windows-11", Deadline));

        Assert.Contains("rocky-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_FreshTenant_DefaultLimitsNothingUsed()
    {
        using var session = await fixture.NewSessionAsync("strasbourg");

        var quota = await new QuotaClient(session).GetAsync(await session.GetProjectIdAsync(Deadline), Deadline);

        Assert.Equal(new QuotaUsage(16, 0), quota.Cores);
        Assert.Equal(new QuotaUsage(64 * 1024, 0), quota.RamMb);
        Assert.Equal(new QuotaUsage(10, 0), quota.Instances);
        Assert.Equal(new QuotaUsage(10, 0), quota.Volumes);
        Assert.Equal(new QuotaUsage(1000, 0), quota.Gigabytes);
        Assert.Equal(4, quota.FloatingIps!.Value.Limit);
    }

    [Fact]
    public async Task Quota_AfterVolumeCreate_UsageCounted()
    {
        using var session = await fixture.NewSessionAsync("paris");
        await session.SendAsync(CloudRequest.Post(CloudService.Volume, "/volumes",
            new System.Text.Json.Nodes.JsonObject { ["volume"] = new System.Text.Json.Nodes.JsonObject { ["size"] = 25, ["name"] = "u" } }, "3.60"), Deadline);

        var quota = await new QuotaClient(session).GetAsync(await session.GetProjectIdAsync(Deadline), Deadline);

        Assert.Equal(1, quota.Volumes!.Value.InUse);
        Assert.Equal(25, quota.Gigabytes!.Value.InUse);
        Assert.Equal(975, quota.Gigabytes!.Value.Available);
    }
}
