using Crd.Cloud.Tests.Support;
using Crd.Cloud.Volume;

namespace Crd.Cloud.Tests.Volume;

/// <summary>CinderClient against crd-sim's Cinder v3.</summary>
public sealed class CinderClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => VolumeTestCloud.Deadline;

    [Fact]
    public async Task Create_ThenGet_ReportsWhatWasAskedWithTheTypeId()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var cinder = new CinderClient(cloud.Session);

        var created = await cinder.CreateAsync(new VolumeCreateSpec("data", 3) { Description = "d", VolumeType = "hdd", Metadata = new Dictionary<string, string> { ["k"] = "v" } }, Deadline);
        var volume = await cinder.GetAsync(created.Id, Deadline);

        Assert.Equal(("data", "d", 3, "hdd"), (volume.Name, volume.Description, volume.SizeGb, volume.VolumeType));
        Assert.Equal("v", volume.Metadata["k"]);
        var hdd = Assert.Single(await cinder.ListTypesAsync(Deadline), t => t.Name == "hdd");
        Assert.Equal(hdd.Id, volume.VolumeTypeId);
        Assert.True(VolumeOperations.IsOfType(volume, hdd));
        Assert.Null(volume.Attachment);
    }

    [Fact]
    public async Task ListTypes_DefaultFederation_NvmeAndHdd()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);

        var types = await new CinderClient(cloud.Session).ListTypesAsync(Deadline);

        Assert.Equal(["hdd", "nvme"], types.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task Update_NameAndDescription_ChangedAndNullClearsDescription()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var cinder = new CinderClient(cloud.Session);
        var id = (await cinder.CreateAsync(new VolumeCreateSpec("a", 1) { Description = "old" }, Deadline)).Id;

        var renamed = await cinder.UpdateAsync(id, "b", null, Deadline);

        Assert.Equal("b", renamed.Name);
        Assert.Null((await cinder.GetAsync(id, Deadline)).Description);
    }

    [Fact]
    public async Task ListDetail_ByMetadata_OnlyTheMarkedVolume()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var cinder = new CinderClient(cloud.Session);
        await cinder.CreateAsync(new VolumeCreateSpec("same", 1) { Metadata = new Dictionary<string, string> { ["crd:request"] = "one" } }, Deadline);
        var marked = await cinder.CreateAsync(new VolumeCreateSpec("same", 1) { Metadata = new Dictionary<string, string> { ["crd:request"] = "two" } }, Deadline);

        var found = await cinder.ListDetailAsync("same", new Dictionary<string, string> { ["crd:request"] = "two" }, Deadline);

        Assert.Equal([marked.Id], found.Select(v => v.Id));
    }

    [Fact]
    public async Task Find_Missing_Null_AndDeleteMissing_False()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var cinder = new CinderClient(cloud.Session);
        var missing = Guid.NewGuid().ToString();

        Assert.Null(await cinder.FindAsync(missing, Deadline));
        Assert.False(await cinder.DeleteAsync(missing, Deadline));
        var error = await Assert.ThrowsAsync<CloudApiException>(() => cinder.GetAsync(missing, Deadline));
        Assert.True(error.IsNotFound);
        Assert.Contains(missing, error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_SmallerSize_400WithCindersMessage()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var cinder = new CinderClient(cloud.Session);
        var id = (await cinder.CreateAsync(new VolumeCreateSpec("a", 2), Deadline)).Id;
        await new VolumeOperations(cloud.Session).WaitCreatedAsync(id, VolumeTestCloud.Timeout, Deadline);

        var error = await Assert.ThrowsAsync<CloudApiException>(() => cinder.ExtendAsync(id, 1, Deadline));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("greater than current size", error.ServiceMessage, StringComparison.Ordinal);
    }
}
