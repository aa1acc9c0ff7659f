using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

/// <summary>Real delays (Magnum defaults: create 60 s, update 20 s, delete 10 s) crossed with the simulated clock.</summary>
public sealed class MagnumSlowTests(SlowSim fixture) : IClassFixture<SlowSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task Cluster_Transitions_WaitForTheSimulatedClock()
    {
        var session = await Client.NewSessionAsync("montpellier");

        var id = await Magnum.CreateClusterAsync(session, "slow");
        var creating = await Magnum.ClusterAsync(session, id);
        Assert.Equal("CREATE_IN_PROGRESS", creating["status"]!.GetValue<string>());
        Assert.Null(creating["api_address"]);
        (await Magnum.PatchAsync(session, "/clusters/" + id, [new JsonObject { ["op"] = "replace", ["path"] = "/node_count", ["value"] = 2 }])).AssertStatus(400);

        await Client.AdvanceAsync(61);
        Assert.Equal("CREATE_COMPLETE", (await Magnum.ClusterAsync(session, id))["status"]!.GetValue<string>());

        (await Magnum.PatchAsync(session, "/clusters/" + id, [new JsonObject { ["op"] = "replace", ["path"] = "/node_count", ["value"] = 2 }])).AssertStatus(202);
        var updating = await Magnum.ClusterAsync(session, id);
        Assert.Equal("UPDATE_IN_PROGRESS", updating["status"]!.GetValue<string>());
        Assert.Equal(1, updating["node_count"]!.GetValue<int>());
        await Client.AdvanceAsync(21);
        var updated = await Magnum.ClusterAsync(session, id);
        Assert.Equal("UPDATE_COMPLETE", updated["status"]!.GetValue<string>());
        Assert.Equal(2, updated["node_count"]!.GetValue<int>());

        (await session.DeleteAsync(Magnum.Path(session, "/clusters/" + id), Magnum.Latest)).AssertStatus(204);
        Assert.Equal("DELETE_IN_PROGRESS", (await Magnum.ClusterAsync(session, id))["status"]!.GetValue<string>());
        await Client.AdvanceAsync(11);
        (await session.GetAsync(Magnum.Path(session, "/clusters/" + id), Magnum.Latest)).AssertStatus(404);
    }
}
