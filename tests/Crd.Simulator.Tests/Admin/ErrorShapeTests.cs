using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Admin;

public sealed class ErrorShapeTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task MalformedJson_EveryService_Returns400InItsShapeWithoutStackTrace()
    {
        var session = await Client.NewSessionAsync();
        var cases = new (string Path, string Key)[]
        {
            (session.Compute("/servers"), "badRequest"),
            (session.Volume("/volumes"), "badRequest"),
            (session.Network("/floatingips"), "NeutronError"),
            ("/sites/toulouse/identity/v3/auth/tokens", "error"),
        };
        foreach (var (path, key) in cases)
        {
            var response = await Client.SendRawAsync(HttpMethod.Post, path, "{\"broken\": ", session.Token);
            response.AssertStatus(400);
            Assert.NotNull(response.Json![key]);
            Assert.DoesNotContain(" at Crd.", response.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongTypes_Return400NotServerError()
    {
        var session = await Client.NewSessionAsync();
        var bodies = new JsonNode[]
        {
            new JsonObject { ["server"] = "x" },
            new JsonObject { ["server"] = new JsonObject { ["name"] = 5, ["flavorRef"] = true } },
            new JsonArray { 1, 2 },
            new JsonObject { ["server"] = new JsonObject { ["name"] = "x", ["flavorRef"] = "nope", ["imageRef"] = "nope", ["networks"] = 7 } },
        };
        foreach (var body in bodies)
        {
            var response = await session.PostAsync(session.Compute("/servers"), body, ("OpenStack-API-Version", "compute 2.79"));
            Assert.InRange(response.Status, 400, 499);
        }
        var volume = await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = "big" } });
        volume.AssertStatus(400);
    }

    [Fact]
    public async Task Responses_CarryRequestId_EvenOnErrors()
    {
        var session = await Client.NewSessionAsync();

        var ok = await session.GetAsync(session.Compute("/servers"));
        var missing = await session.GetAsync(session.Compute("/servers/nope"));

        Assert.StartsWith("req-", ok.Headers["X-OpenStack-Request-ID"], StringComparison.Ordinal);
        Assert.StartsWith("req-", missing.Headers["X-OpenStack-Request-ID"], StringComparison.Ordinal);
        Assert.NotEqual(ok.Headers["X-OpenStack-Request-ID"], missing.Headers["X-OpenStack-Request-ID"]);
    }

    [Fact]
    public async Task UnknownRoute_Returns404InServiceShape()
    {
        var session = await Client.NewSessionAsync();

        var response = await session.GetAsync(session.Compute("/no-such-thing"));

        response.AssertStatus(404);
        Assert.NotNull(response.Json!["itemNotFound"]);
    }

    [Fact]
    public async Task UnknownSiteAndMissingService_Return404()
    {
        (await Client.GetAsync("/sites/atlantis/identity/v3")).AssertStatus(404);
        (await Client.GetAsync("/sites/brest/compute/v2.1/servers", "x")).AssertStatus(404);
    }

    [Fact]
    public async Task DuplicateKeysAndBadQueries_Return400NotServerError()
    {
        var session = await Client.NewSessionAsync();

        var duplicate = await Client.SendRawAsync(HttpMethod.Post, session.Compute("/servers"), """{"server":{"name":"a","name":"b"}}""", session.Token);
        var regex = await session.GetAsync(session.Compute("/servers?name=("));
        var faults = await Client.SendRawAsync(HttpMethod.Put, "/_sim/faults", """{"a":1,"a":2}""", null);

        duplicate.AssertStatus(400);
        regex.AssertStatus(400);
        faults.AssertStatus(400);
    }
}
