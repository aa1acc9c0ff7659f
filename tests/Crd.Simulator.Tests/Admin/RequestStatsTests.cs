using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Admin;

/// <summary>
/// <c>GET/DELETE /_sim/stats</c>. Each test starts its own crd-sim: counts are process-wide, so a
/// shared process would see other test classes' requests.
/// </summary>
public sealed class RequestStatsTests
{
    [Fact]
    public async Task Stats_AfterApiCalls_CountsBySiteServiceMethodAndOutcome()
    {
        await using var sim = await SimProcess.StartAsync(null, null, "--instant");
        var client = sim.Client;
        var session = await client.NewSessionAsync("montpellier");
        (await client.SendAsync(HttpMethod.Delete, "/_sim/stats")).AssertStatus(204);

        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(200);
        (await session.GetAsync(session.Compute("/flavors"))).AssertStatus(200);
        (await session.GetAsync(session.Network("/ports"))).AssertStatus(200);
        (await session.GetAsync(session.Compute("/servers/" + Guid.NewGuid()))).AssertStatus(404);
        (await client.GetAsync("/_sim/health")).AssertStatus(200);

        var stats = (await client.GetAsync("/_sim/stats")).AssertStatus(200).Json!;
        Assert.Equal(4, stats["total"]!.GetValue<long>());
        Assert.Equal(3, stats["by_service"]!["compute"]!.GetValue<long>());
        Assert.Equal(1, stats["by_site"]!["montpellier"]!["network"]!.GetValue<long>());
        Assert.Equal(3, stats["by_method"]!["GET compute"]!.GetValue<long>());
        Assert.Equal(3, stats["by_outcome"]!["200"]!.GetValue<long>());
        Assert.Equal(1, stats["by_outcome"]!["404"]!.GetValue<long>());
        Assert.Null(stats["by_service"]!["admin"]);
        Assert.Equal(1, stats["by_route"]!["GET compute /servers/{id}"]!.GetValue<long>());
        Assert.Equal(1, stats["by_route"]!["GET compute /servers"]!.GetValue<long>());
    }

    [Fact]
    public async Task Stats_FaultedRequests_CountedWithTheirOutcome()
    {
        await using var sim = await SimProcess.StartAsync(null, null, "--instant");
        var client = sim.Client;
        var session = await client.NewSessionAsync("reims");
        var rules = new JsonArray
        {
            new JsonObject { ["site"] = "reims", ["service"] = "compute", ["path"] = "/flavors", ["status"] = 429, ["retryAfter"] = 1 },
            new JsonObject { ["site"] = "reims", ["service"] = "network", ["kind"] = "reset" },
        };
        (await client.SendAsync(HttpMethod.Put, "/_sim/faults", rules)).AssertStatus(200);
        (await client.SendAsync(HttpMethod.Delete, "/_sim/stats")).AssertStatus(204);

        (await session.GetAsync(session.Compute("/flavors"))).AssertStatus(429);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => session.GetAsync(session.Network("/ports")));

        var stats = (await client.GetAsync("/_sim/stats")).AssertStatus(200).Json!;
        Assert.Equal(2, stats["total"]!.GetValue<long>());
        Assert.Equal(1, stats["by_outcome"]!["429"]!.GetValue<long>());
        Assert.Equal(1, stats["by_outcome"]!["reset"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeleteStats_StartsCountingFromZero()
    {
        await using var sim = await SimProcess.StartAsync(null, null, "--instant");
        var session = await sim.Client.NewSessionAsync("paris");
        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(200);

        (await sim.Client.SendAsync(HttpMethod.Delete, "/_sim/stats")).AssertStatus(204);

        var stats = (await sim.Client.GetAsync("/_sim/stats")).AssertStatus(200).Json!;
        Assert.Equal(0, stats["total"]!.GetValue<long>());
        Assert.Empty(stats["by_service"]!.AsObject());
    }
}
