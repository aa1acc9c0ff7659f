using System.Text.Json.Nodes;
using Crd.Cloud.Compute;
using Crd.Cloud.Tests.Support;
using Crd.Cloud.Volume;

namespace Crd.Cloud.Tests.Volume;

/// <summary>
/// The volume workflows against crd-sim: each ends only when the cloud agrees, and each survives
/// a lost answer (the server acted, the client saw a reset) without orphans or duplicates.
/// </summary>
public sealed class VolumeOperationsTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => VolumeTestCloud.Deadline;

    private static TimeSpan Timeout => VolumeTestCloud.Timeout;

    [Fact]
    public async Task StartCreate_EveryAnswerLost_AdoptsOneVolumeByItsMarkerAndDeletesTheCopy()
    {
        // Two attempts (one retry), both carried out by Cinder, both answers lost: the call fails,
        // yet two volumes exist.
        var transport = new LostAnswerHandler(HttpMethod.Post, "/volumes", 2);
        using var cloud = await VolumeTestCloud.StartAsync(fixture, transport, new CloudOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        var operations = new VolumeOperations(cloud.Session);

        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);

        Assert.Equal(2, transport.Dropped);
        var volume = Assert.Single(await cloud.LiveVolumesAsync());
        Assert.Equal(id, volume["Id"]!.GetValue<string>());
        Assert.True(volume["Metadata"]!.AsObject().ContainsKey(VolumeOperations.RequestMarkerKey));
    }

    [Fact]
    public async Task StartCreate_AnswerLostThenRetried_KeepsOneVolume()
    {
        var transport = new LostAnswerHandler(HttpMethod.Post, "/volumes", 1);
        using var cloud = await VolumeTestCloud.StartAsync(fixture, transport);
        var operations = new VolumeOperations(cloud.Session);

        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);

        Assert.Equal(1, transport.Dropped);
        var volume = Assert.Single(await cloud.LiveVolumesAsync());
        Assert.Equal(id, volume["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartCreate_QuotaExceeded_ThrowsWithoutLookingForAMarker()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);

        var error = await Assert.ThrowsAsync<CloudApiException>(() => new VolumeOperations(cloud.Session).StartCreateAsync(new VolumeCreateSpec("huge", 5000), Deadline));

        Assert.True(error.StatusCode is 400 or 403 or 413, error.Message);
        Assert.Empty(await cloud.LiveVolumesAsync());
    }

    [Fact]
    public async Task AttachDetach_WaitUntilNovaAndCinderAgree()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var server = await cloud.CreateServerAsync("host");
        var operations = new VolumeOperations(cloud.Session);
        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);
        var nova = new VolumeAttachmentClient(cloud.Session);

        var attached = await operations.AttachAsync(id, server, Timeout, Deadline);

        Assert.Equal("in-use", attached.Status);
        Assert.Equal(server, attached.Attachment!.ServerId);
        Assert.Equal("/dev/vdb", attached.Attachment.Device);
        Assert.Equal([id], (await nova.ListAsync(server, Deadline)).Select(a => a.VolumeId));

        var detached = await operations.DetachAsync(id, Timeout, Deadline);

        Assert.Equal("available", detached.Status);
        Assert.Empty(await nova.ListAsync(server, Deadline));
    }

    [Fact]
    public async Task Attach_AnswerLostThenRetried_ToleratesTheRefusedRepeat()
    {
        var transport = new LostAnswerHandler(HttpMethod.Post, "/os-volume_attachments", 1);
        using var cloud = await VolumeTestCloud.StartAsync(fixture, transport);
        var server = await cloud.CreateServerAsync("host");
        var operations = new VolumeOperations(cloud.Session);
        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);

        var attached = await operations.AttachAsync(id, server, Timeout, Deadline);

        Assert.Equal(1, transport.Dropped);
        Assert.Equal(server, attached.Attachment!.ServerId);
        Assert.Equal("in-use", attached.Status);
    }

    [Fact]
    public async Task Extend_WhileAttached_GrowsOnlineAndStaysInUse()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var server = await cloud.CreateServerAsync("host");
        var operations = new VolumeOperations(cloud.Session);
        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);
        await operations.AttachAsync(id, server, Timeout, Deadline);

        var grown = await operations.ExtendAsync(id, 4, Timeout, Deadline);

        Assert.Equal(4, grown.SizeGb);
        Assert.Equal("in-use", grown.Status);
        Assert.Equal(server, grown.Attachment!.ServerId);
    }

    [Fact]
    public async Task Retype_ToHdd_WaitsForTheNewType()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var operations = new VolumeOperations(cloud.Session);
        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);
        var hdd = (await operations.Cinder.ListTypesAsync(Deadline)).Single(t => t.Name == "hdd");

        var retyped = await operations.RetypeAsync(id, hdd, Timeout, Deadline);

        Assert.Equal("hdd", retyped.VolumeType);
        Assert.Equal("available", retyped.Status);
    }

    [Fact]
    public async Task Delete_AttachedVolume_DetachesThenDeletesTwiceIsFine()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        var server = await cloud.CreateServerAsync("host");
        var operations = new VolumeOperations(cloud.Session);
        var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);
        await operations.WaitCreatedAsync(id, Timeout, Deadline);
        await operations.AttachAsync(id, server, Timeout, Deadline);

        await operations.DeleteAsync(id, Timeout, Deadline);
        await operations.DeleteAsync(id, Timeout, Deadline);

        Assert.Empty(await cloud.Sim.ListObjectsAsync("volume.volumes", cloud.Tenant));
        Assert.Empty(await new VolumeAttachmentClient(cloud.Session).ListAsync(server, Deadline));
    }

    [Fact]
    public async Task WaitCreated_CinderError_FailsNamingTheStatus()
    {
        using var cloud = await VolumeTestCloud.StartAsync(fixture);
        await cloud.Sim.SetFaultsAsync([new JsonObject
        {
            ["site"] = "toulouse", ["service"] = "volume", ["path"] = $"/{cloud.Tenant.ProjectId}/volumes", ["kind"] = "build-error", ["count"] = 1,
        }]);
        try
        {
            var operations = new VolumeOperations(cloud.Session);
            var id = await operations.StartCreateAsync(new VolumeCreateSpec("data", 1), Deadline);

            var error = await Assert.ThrowsAsync<CloudOperationException>(() => operations.WaitCreatedAsync(id, Timeout, Deadline));

            Assert.Contains(id, error.Message, StringComparison.Ordinal);
            Assert.Contains("status error", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await cloud.Sim.ClearFaultsAsync();
        }
    }
}
