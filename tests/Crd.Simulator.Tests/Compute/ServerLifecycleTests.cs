using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Compute;

public sealed class ServerLifecycleTests(SlowSim fixture) : IClassFixture<SlowSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task Build_BeforeDelay_IsBuildThenActiveAfterClockAdvance()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("slow");

        var building = await session.ServerAsync(id);
        Assert.Equal("BUILD", building["status"]!.GetValue<string>());
        Assert.Equal("building", building["OS-EXT-STS:vm_state"]!.GetValue<string>());
        Assert.NotNull(building["OS-EXT-STS:task_state"]);

        await Client.AdvanceAsync(31);

        Assert.Equal("ACTIVE", (await session.ServerAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_WhileBuilding_Returns409WithTaskState()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("busy");

        var response = await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["os-stop"] = null });

        response.AssertStatus(409);
        Assert.Contains("while it is in task_state scheduling", response.Str("conflictingRequest", "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_TakesActionDelay_ShowsTaskStateUntilDone()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("stopper");
        await Client.AdvanceAsync(31);

        (await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["os-stop"] = null })).AssertStatus(202);
        var stopping = await session.ServerAsync(id);
        Assert.Equal("powering-off", stopping["OS-EXT-STS:task_state"]!.GetValue<string>());
        await Client.AdvanceAsync(3);

        var stopped = await session.ServerAsync(id);
        Assert.Equal("SHUTOFF", stopped["status"]!.GetValue<string>());
        Assert.Equal(4, stopped["OS-EXT-STS:power_state"]!.GetValue<int>());
    }

    [Fact]
    public async Task BuildErrorFault_ServerEndsInErrorWithNoValidHost()
    {
        var session = await Client.NewSessionAsync("montpellier");
        var rule = new JsonObject { ["site"] = "montpellier", ["service"] = "compute", ["kind"] = "build-error", ["count"] = 1 };
        (await Client.PostAsync("/_sim/faults", rule)).AssertStatus(201);

        var id = await session.CreateServerAsync("doomed");
        await Client.AdvanceAsync(31);

        var server = await session.ServerAsync(id);
        Assert.Equal("ERROR", server["status"]!.GetValue<string>());
        Assert.StartsWith("No valid host was found", server["fault"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(500, server["fault"]!["code"]!.GetValue<int>());
        (await session.DeleteAsync(session.Compute("/servers/" + id))).AssertStatus(204);
    }

    [Fact]
    public async Task SiteCapacity_Exhausted_BuildEndsInError()
    {
        var session = await Client.NewSessionAsync("reims", new JsonObject { ["cores"] = 10_000, ["ramGb"] = 100_000, ["instances"] = 1000 });
        var ids = new List<string>();
        // reims has 256 vCPUs: 32 xlarge servers fill it, the 33rd cannot be placed.
        for (var i = 0; i < 33; i++)
        {
            ids.Add(await session.CreateServerAsync("fill-" + i, "m1.xlarge"));
        }
        await Client.AdvanceAsync(31);

        var last = await session.ServerAsync(ids[^1]);
        Assert.Equal("ERROR", last["status"]!.GetValue<string>());
        Assert.Equal("ACTIVE", (await session.ServerAsync(ids[0]))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowFault_MultipliesBuildTime()
    {
        var session = await Client.NewSessionAsync("strasbourg");
        var rule = new JsonObject { ["site"] = "strasbourg", ["service"] = "compute", ["kind"] = "slow", ["factor"] = 10, ["count"] = 1 };
        (await Client.PostAsync("/_sim/faults", rule)).AssertStatus(201);

        var id = await session.CreateServerAsync("sluggish");
        await Client.AdvanceAsync(31);
        Assert.Equal("BUILD", (await session.ServerAsync(id))["status"]!.GetValue<string>());
        await Client.AdvanceAsync(270);

        Assert.Equal("ACTIVE", (await session.ServerAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task VolumeFromImage_GoesCreatingDownloadingAvailable()
    {
        var session = await Client.NewSessionAsync("paris");
        var image = await session.ImageIdAsync("rocky-9");
        var id = (await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 10, ["imageRef"] = image } }))
            .AssertStatus(202).Str("volume", "id");
        async Task<string> StatusAsync() => (await session.GetAsync(session.Volume("/volumes/" + id))).AssertStatus(200).Str("volume", "status");

        Assert.Equal("creating", await StatusAsync());
        await Client.AdvanceAsync(2.5);
        Assert.Equal("downloading", await StatusAsync());
        await Client.AdvanceAsync(2.5);
        Assert.Equal("available", await StatusAsync());
    }
}
