using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Admin;

public sealed class AdminTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task DeleteObject_BehindClientsBack_ServerIsGone()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("drift");

        (await Client.SendAsync(HttpMethod.Delete, "/_sim/objects/compute.servers/" + id)).AssertStatus(204);

        (await session.GetAsync(session.Compute("/servers/" + id))).AssertStatus(404);
    }

    [Fact]
    public async Task PatchObject_ChangesVolumeSizeSeenByClient()
    {
        var session = await Client.NewSessionAsync();
        var id = (await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 3 } })).AssertStatus(202).Str("volume", "id");

        (await Client.SendAsync(HttpMethod.Patch, "/_sim/objects/volume.volumes/" + id, new JsonObject { ["size"] = 9, ["Status"] = "error" })).AssertStatus(200);

        var volume = (await session.GetAsync(session.Volume("/volumes/" + id))).AssertStatus(200).Json!["volume"]!;
        Assert.Equal(9, volume["size"]!.GetValue<int>());
        Assert.Equal("error", volume["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task State_DumpsObjectsByCollection()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("dumped");

        var state = (await Client.GetAsync("/_sim/state")).AssertStatus(200).Json!;

        Assert.NotNull(state["objects"]!["compute.servers"]![id]);
        Assert.NotNull(state["clock"]!["now"]);
    }

    [Fact]
    public async Task Clock_Advance_MovesNow()
    {
        var before = DateTimeOffset.Parse((await Client.GetAsync("/_sim/clock")).Str("now"), System.Globalization.CultureInfo.InvariantCulture);

        var after = (await Client.PostAsync("/_sim/clock/advance", new JsonObject { ["seconds"] = 86400 })).AssertStatus(200);

        var now = DateTimeOffset.Parse(after.Str("now"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(now - before >= TimeSpan.FromSeconds(86400));
        (await Client.PostAsync("/_sim/clock/advance", new JsonObject { ["seconds"] = -5 })).AssertStatus(400);
    }

    [Fact]
    public async Task UnknownCollection_Returns404ListingKnownOnes()
    {
        var response = await Client.GetAsync("/_sim/objects/nope");

        response.AssertStatus(404);
        Assert.Contains("compute.servers", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchProjectQuota_MergesAndIsEnforced()
    {
        var session = await Client.NewSessionAsync();

        (await Client.SendAsync(HttpMethod.Patch, "/_sim/objects/identity.projects/" + session.ProjectId,
            new JsonObject { ["Quota"] = new JsonObject { ["Cores"] = 1 } })).AssertStatus(200);

        var quota = (await session.GetAsync(session.Compute($"/os-quota-sets/{session.ProjectId}"))).AssertStatus(200).Json!["quota_set"]!;
        Assert.Equal(1, quota["cores"]!.GetValue<int>());
        Assert.Equal(10, quota["instances"]!.GetValue<int>());
        var refused = await session.PostAsync(session.Compute("/servers"), new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = "big",
                ["flavorRef"] = await session.FlavorIdAsync("m1.medium"),
                ["imageRef"] = await session.ImageIdAsync("rocky-9"),
                ["networks"] = "auto",
            },
        }, ("OpenStack-API-Version", "compute 2.79"));
        refused.AssertStatus(403);
    }
}
