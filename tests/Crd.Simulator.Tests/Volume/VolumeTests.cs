using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Volume;

public sealed class VolumeTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    private static async Task<string> CreateVolumeAsync(Session session, int size, string? type = null)
    {
        var spec = new JsonObject { ["size"] = size, ["name"] = "v" };
        if (type is not null)
        {
            spec["volume_type"] = type;
        }
        return (await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = spec })).AssertStatus(202).Str("volume", "id");
    }

    private static async Task<JsonNode> VolumeAsync(Session session, string id, string? microversion = null) =>
        (await session.GetAsync(session.Volume("/volumes/" + id), microversion is null ? [] : [("OpenStack-API-Version", "volume " + microversion)]))
            .AssertStatus(200).Json!["volume"]!;

    [Fact]
    public async Task Create_DefaultType_IsNvmeAndAvailable()
    {
        var session = await Client.NewSessionAsync();

        var id = await CreateVolumeAsync(session, 10);
        var volume = await VolumeAsync(session, id);

        Assert.Equal("available", volume["status"]!.GetValue<string>());
        Assert.Equal("nvme", volume["volume_type"]!.GetValue<string>());
        Assert.Equal(10, volume["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task AttachViaNova_IsReflectedOnCinderAndNova_ThenDetach()
    {
        var session = await Client.NewSessionAsync();
        var server = await session.CreateServerAsync("host");
        var volume = await CreateVolumeAsync(session, 5);

        var attach = await session.PostAsync(session.Compute($"/servers/{server}/os-volume_attachments"),
            new JsonObject { ["volumeAttachment"] = new JsonObject { ["volumeId"] = volume } });
        attach.AssertStatus(200);

        var cinder = await VolumeAsync(session, volume);
        Assert.Equal("in-use", cinder["status"]!.GetValue<string>());
        Assert.Equal(server, cinder["attachments"]![0]!["server_id"]!.GetValue<string>());
        var nova = await session.ServerAsync(server);
        Assert.Equal(volume, nova["os-extended-volumes:volumes_attached"]![0]!["id"]!.GetValue<string>());

        (await session.DeleteAsync(session.Compute($"/servers/{server}/os-volume_attachments/{volume}"))).AssertStatus(202);
        var detached = await VolumeAsync(session, volume);
        Assert.Equal("available", detached["status"]!.GetValue<string>());
        Assert.Empty(detached["attachments"]!.AsArray());
    }

    [Fact]
    public async Task Delete_InUse_Returns400()
    {
        var session = await Client.NewSessionAsync();
        var server = await session.CreateServerAsync("host");
        var volume = await CreateVolumeAsync(session, 5);
        await session.PostAsync(session.Compute($"/servers/{server}/os-volume_attachments"), new JsonObject { ["volumeAttachment"] = new JsonObject { ["volumeId"] = volume } });

        var response = await session.DeleteAsync(session.Volume("/volumes/" + volume));

        response.AssertStatus(400);
        Assert.Contains("Volume status must be available", response.Str("badRequest", "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_InUse_NeedsMicroversion342()
    {
        var session = await Client.NewSessionAsync();
        var server = await session.CreateServerAsync("host");
        var volume = await CreateVolumeAsync(session, 5);
        await session.PostAsync(session.Compute($"/servers/{server}/os-volume_attachments"), new JsonObject { ["volumeAttachment"] = new JsonObject { ["volumeId"] = volume } });
        var extend = new JsonObject { ["os-extend"] = new JsonObject { ["new_size"] = 8 } };

        (await session.PostAsync(session.Volume($"/volumes/{volume}/action"), extend)).AssertStatus(400);
        (await session.PostAsync(session.Volume($"/volumes/{volume}/action"), extend, ("OpenStack-API-Version", "volume 3.42"))).AssertStatus(202);

        var extended = await VolumeAsync(session, volume);
        Assert.Equal(8, extended["size"]!.GetValue<int>());
        Assert.Equal("in-use", extended["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retype_ChangesType()
    {
        var session = await Client.NewSessionAsync();
        var volume = await CreateVolumeAsync(session, 5);

        (await session.PostAsync(session.Volume($"/volumes/{volume}/action"), new JsonObject { ["os-retype"] = new JsonObject { ["new_type"] = "hdd" } }))
            .AssertStatus(202);

        Assert.Equal("hdd", (await VolumeAsync(session, volume))["volume_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_OverGigabytesQuota_Returns413WithCinderMessage()
    {
        var session = await Client.NewSessionAsync();
        await CreateVolumeAsync(session, 990);

        var response = await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 20 } });

        response.AssertStatus(413);
        Assert.Equal("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 20G, quota is 1000G and 990G has been consumed.",
            response.Str("overLimit", "message"));
    }

    [Fact]
    public async Task Create_OverVolumeCountQuota_Returns413()
    {
        var session = await Client.NewSessionAsync("toulouse", new JsonObject { ["volumes"] = 1 });
        await CreateVolumeAsync(session, 1);

        var response = await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 1 } });

        response.AssertStatus(413);
        Assert.Contains("Maximum number of volumes allowed (1) exceeded for quota 'volumes'", response.Str("overLimit", "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotaSet_Usage_ReportsInUse()
    {
        var session = await Client.NewSessionAsync();
        await CreateVolumeAsync(session, 7);

        var quota = (await session.GetAsync(session.Volume($"/os-quota-sets/{session.ProjectId}?usage=true"))).AssertStatus(200).Json!["quota_set"]!;

        Assert.Equal(7, quota["gigabytes"]!["in_use"]!.GetValue<int>());
        Assert.Equal(1000, quota["gigabytes"]!["limit"]!.GetValue<int>());
        Assert.Equal(1, quota["volumes"]!["in_use"]!.GetValue<int>());
    }

    [Fact]
    public async Task FromImage_IsBootable()
    {
        var session = await Client.NewSessionAsync();
        var image = await session.ImageIdAsync("ubuntu-24.04");

        var id = (await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 20, ["imageRef"] = image } }))
            .AssertStatus(202).Str("volume", "id");

        var volume = await VolumeAsync(session, id);
        Assert.Equal("true", volume["bootable"]!.GetValue<string>());
        Assert.Equal(image, volume["volume_image_metadata"]!["image_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task OtherProjectInUrl_Returns400AndOtherProjectsVolumeIs404()
    {
        var owner = await Client.NewSessionAsync();
        var stranger = await Client.NewSessionAsync();
        var volume = await CreateVolumeAsync(owner, 1);

        (await stranger.GetAsync($"/sites/toulouse/volume/v3/{owner.ProjectId}/volumes")).AssertStatus(400);
        (await stranger.GetAsync(stranger.Volume("/volumes/" + volume))).AssertStatus(404);
    }

    [Fact]
    public async Task Types_ListsNvmeAndHdd()
    {
        var session = await Client.NewSessionAsync();

        var types = (await session.GetAsync(session.Volume("/types"))).AssertStatus(200).Json!["volume_types"]!.AsArray();

        Assert.Equal(["hdd", "nvme"], types.Select(t => t!["name"]!.GetValue<string>()));
    }
}
