using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Network;

public sealed class FloatingIpPoolTests
{
    [Fact]
    public async Task Pool_Exhausted_Returns409IpAddressGenerationFailure()
    {
        // A federation whose only site has a /29 external network: 5 floating IPs (.2 to .6).
        var config = JsonNode.Parse("""
            {"seed":"pool","instant":true,"sites":[{"name":"tiny","services":["compute","volume","network","image"],"publicCidr":"192.0.2.0/29",
              "flavors":[{"name":"m1.tiny","vcpus":1,"ramGb":1}],"images":[{"name":"cirros"}],"volumeTypes":[{"name":"nvme"}]}]}
            """)!.AsObject();
        await using var sim = await SimProcess.StartAsync(null, config);
        var session = await sim.Client.NewSessionAsync("tiny", new JsonObject { ["floatingIps"] = 100 });
        var network = (await session.GetAsync(session.Network("/networks?name=public"))).AssertStatus(200).Json!["networks"]![0]!["id"]!.GetValue<string>();
        var body = new JsonObject { ["floatingip"] = new JsonObject { ["floating_network_id"] = network } };
        for (var i = 0; i < 5; i++)
        {
            (await session.PostAsync(session.Network("/floatingips"), body)).AssertStatus(201);
        }

        var response = await session.PostAsync(session.Network("/floatingips"), body);

        response.AssertStatus(409);
        Assert.Equal("IpAddressGenerationFailure", response.Str("NeutronError", "type"));
        Assert.Equal($"No more IP addresses available on network {network}.", response.Str("NeutronError", "message"));
    }
}
