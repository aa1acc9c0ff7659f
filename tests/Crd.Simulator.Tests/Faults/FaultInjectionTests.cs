using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Faults;

public sealed class FaultInjectionTests(SharedSim fixture) : IClassFixture<SharedSim>, IAsyncLifetime
{
    private SimClient Client => fixture.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => (await Client.SendAsync(HttpMethod.Delete, "/_sim/faults")).AssertStatus(204);

    [Fact]
    public async Task Status429_WithRetryAfter_InNovaShape()
    {
        var session = await Client.NewSessionAsync("paris");
        var rule = new JsonObject { ["site"] = "paris", ["service"] = "compute", ["method"] = "GET", ["path"] = "/servers*", ["status"] = 429, ["retryAfter"] = 7 };
        (await Client.SendAsync(HttpMethod.Put, "/_sim/faults", new JsonArray { rule })).AssertStatus(200);

        var limited = await session.GetAsync(session.Compute("/servers"));
        var other = await session.GetAsync(session.Compute("/flavors"));

        limited.AssertStatus(429);
        Assert.Equal("7", limited.Headers["Retry-After"]);
        Assert.NotNull(limited.Json!["overLimit"]);
        other.AssertStatus(200);
    }

    [Fact]
    public async Task Status503_OnNeutron_UsesNeutronShape()
    {
        var session = await Client.NewSessionAsync("paris");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["service"] = "network", ["status"] = 503 })).AssertStatus(201);

        var response = await session.GetAsync(session.Network("/networks"));

        response.AssertStatus(503);
        Assert.NotNull(response.Json!["NeutronError"]);
    }

    [Fact]
    public async Task Reset_AbortsConnection()
    {
        var session = await Client.NewSessionAsync("reims");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["site"] = "reims", ["kind"] = "reset" })).AssertStatus(201);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => session.GetAsync(session.Compute("/servers")));
    }

    [Fact]
    public async Task Count_LimitsHits_ThenRequestsSucceed()
    {
        var session = await Client.NewSessionAsync("toulouse");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["site"] = "toulouse", ["service"] = "image", ["status"] = 500, ["count"] = 2 })).AssertStatus(201);

        var first = await session.GetAsync(session.Image("/images"));
        var second = await session.GetAsync(session.Image("/images"));
        var third = await session.GetAsync(session.Image("/images"));

        first.AssertStatus(500);
        second.AssertStatus(500);
        third.AssertStatus(200);
    }

    [Fact]
    public async Task RateZero_NeverFires()
    {
        var session = await Client.NewSessionAsync("montpellier");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["site"] = "montpellier", ["status"] = 500, ["rate"] = 0.0 })).AssertStatus(201);

        for (var i = 0; i < 20; i++)
        {
            (await session.GetAsync(session.Compute("/flavors"))).AssertStatus(200);
        }
    }

    [Fact]
    public async Task Latency_DelaysButServes()
    {
        var session = await Client.NewSessionAsync("strasbourg");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["site"] = "strasbourg", ["kind"] = "latency", ["latencyMs"] = 300 })).AssertStatus(201);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        (await session.GetAsync(session.Compute("/flavors"))).AssertStatus(200);

        // A lower bound only: the delay is injected before the handler, so it cannot be shorter.
        Assert.True(clock.ElapsedMilliseconds >= 290, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Faults_GetReturnsRulesAndAdminPathsAreNeverFaulted()
    {
        (await Client.SendAsync(HttpMethod.Put, "/_sim/faults", new JsonObject { ["faults"] = new JsonArray { new JsonObject { ["status"] = 503, ["name"] = "all" } } }))
            .AssertStatus(200);

        var rules = (await Client.GetAsync("/_sim/faults")).AssertStatus(200).Json!["faults"]!.AsArray();

        Assert.Equal("all", Assert.Single(rules)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidRule_Returns400()
    {
        var response = await Client.SendRawAsync(HttpMethod.Put, "/_sim/faults", """{"kind":"explode"}""", null);

        response.AssertStatus(400);
    }
}
