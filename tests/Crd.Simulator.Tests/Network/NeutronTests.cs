using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Network;

public sealed class NeutronTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    private static async Task<string> PublicNetworkAsync(Session session) =>
        (await session.GetAsync(session.Network("/networks?router:external=true"))).AssertStatus(200).Json!["networks"]![0]!["id"]!.GetValue<string>();

    private static Task<SimResponse> AllocateAsync(Session session, string network) =>
        session.PostAsync(session.Network("/floatingips"), new JsonObject { ["floatingip"] = new JsonObject { ["floating_network_id"] = network } });

    [Fact]
    public async Task Networks_ProjectSeesPublicAndOwnPrivateOnly()
    {
        var a = await Client.NewSessionAsync();
        var b = await Client.NewSessionAsync();

        var names = (await a.GetAsync(a.Network("/networks"))).AssertStatus(200).Json!["networks"]!.AsArray()
            .Select(n => (Name: n!["name"]!.GetValue<string>(), Project: n["project_id"]!.GetValue<string>())).ToList();

        Assert.Contains(names, n => n.Name == "public");
        Assert.Contains(names, n => n.Name == "private" && n.Project == a.ProjectId);
        Assert.DoesNotContain(names, n => n.Project == b.ProjectId);
    }

    [Fact]
    public async Task FloatingIp_AssociateToServerPort_ShowsOnServerAsFloating()
    {
        var session = await Client.NewSessionAsync();
        var server = await session.CreateServerAsync("fip-host");
        var port = (await session.GetAsync(session.Network("/ports?device_id=" + server))).AssertStatus(200).Json!["ports"]![0]!["id"]!.GetValue<string>();
        var fip = (await AllocateAsync(session, await PublicNetworkAsync(session))).AssertStatus(201);
        Assert.Equal("DOWN", fip.Str("floatingip", "status"));

        var associated = await session.PutAsync(session.Network("/floatingips/" + fip.Str("floatingip", "id")),
            new JsonObject { ["floatingip"] = new JsonObject { ["port_id"] = port } });

        associated.AssertStatus(200);
        Assert.Equal("ACTIVE", associated.Str("floatingip", "status"));
        var addresses = (await session.ServerAsync(server))["addresses"]!["private"]!.AsArray();
        Assert.Contains(addresses, a => a!["OS-EXT-IPS:type"]!.GetValue<string>() == "floating"
            && a["addr"]!.GetValue<string>() == fip.Str("floatingip", "floating_ip_address"));

        var disassociated = await session.PutAsync(session.Network("/floatingips/" + fip.Str("floatingip", "id")),
            new JsonObject { ["floatingip"] = new JsonObject { ["port_id"] = null } });
        Assert.Equal("DOWN", disassociated.AssertStatus(200).Str("floatingip", "status"));
    }

    [Fact]
    public async Task FloatingIp_OverQuota_Returns409OverQuota()
    {
        var session = await Client.NewSessionAsync("toulouse", new JsonObject { ["floatingIps"] = 1 });
        var network = await PublicNetworkAsync(session);
        (await AllocateAsync(session, network)).AssertStatus(201);

        var response = await AllocateAsync(session, network);

        response.AssertStatus(409);
        Assert.Equal("OverQuota", response.Str("NeutronError", "type"));
    }

    [Fact]
    public async Task SecurityGroup_UsedByPort_DeleteReturns409SecurityGroupInUse()
    {
        var session = await Client.NewSessionAsync();
        var group = (await session.PostAsync(session.Network("/security-groups"), new JsonObject { ["security_group"] = new JsonObject { ["name"] = "web" } }))
            .AssertStatus(201).Str("security_group", "id");
        var server = await session.CreateServerAsync("sg-host");
        (await session.PostAsync(session.Compute($"/servers/{server}/action"), new JsonObject { ["addSecurityGroup"] = new JsonObject { ["name"] = "web" } }))
            .AssertStatus(202);

        var inUse = await session.DeleteAsync(session.Network("/security-groups/" + group));
        inUse.AssertStatus(409);
        Assert.Equal("SecurityGroupInUse", inUse.Str("NeutronError", "type"));

        await session.PostAsync(session.Compute($"/servers/{server}/action"), new JsonObject { ["removeSecurityGroup"] = new JsonObject { ["name"] = "web" } });
        (await session.DeleteAsync(session.Network("/security-groups/" + group))).AssertStatus(204);
    }

    [Fact]
    public async Task SecurityGroupRule_DuplicateReturns409AndInvalidDirection400()
    {
        var session = await Client.NewSessionAsync();
        var group = (await session.PostAsync(session.Network("/security-groups"), new JsonObject { ["security_group"] = new JsonObject { ["name"] = "ssh" } }))
            .AssertStatus(201).Str("security_group", "id");
        JsonObject Rule(string direction) => new()
        {
            ["security_group_rule"] = new JsonObject
            {
                ["security_group_id"] = group, ["direction"] = direction, ["protocol"] = "tcp",
                ["port_range_min"] = 22, ["port_range_max"] = 22, ["remote_ip_prefix"] = "0.0.0.0/0",
            },
        };

        (await session.PostAsync(session.Network("/security-group-rules"), Rule("ingress"))).AssertStatus(201);
        var duplicate = await session.PostAsync(session.Network("/security-group-rules"), Rule("ingress"));
        var invalid = await session.PostAsync(session.Network("/security-group-rules"), Rule("sideways"));

        duplicate.AssertStatus(409);
        Assert.Equal("SecurityGroupRuleExists", duplicate.Str("NeutronError", "type"));
        invalid.AssertStatus(400);
    }

    [Fact]
    public async Task DefaultSecurityGroup_ExistsPerProject()
    {
        var session = await Client.NewSessionAsync();

        var groups = (await session.GetAsync(session.Network("/security-groups?name=default"))).AssertStatus(200).Json!["security_groups"]!.AsArray();

        var group = Assert.Single(groups)!;
        Assert.Equal(session.ProjectId, group["project_id"]!.GetValue<string>());
        Assert.Equal(4, group["security_group_rules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Quotas_Details_ReportUsedFloatingIps()
    {
        var session = await Client.NewSessionAsync();
        (await AllocateAsync(session, await PublicNetworkAsync(session))).AssertStatus(201);

        var quota = (await session.GetAsync(session.Network($"/quotas/{session.ProjectId}/details.json"))).AssertStatus(200).Json!["quota"]!;

        Assert.Equal(1, quota["floatingip"]!["used"]!.GetValue<int>());
        Assert.Equal(4, quota["floatingip"]!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownPort_Returns404NeutronError()
    {
        var session = await Client.NewSessionAsync();

        var response = await session.GetAsync(session.Network("/ports/nope"));

        response.AssertStatus(404);
        Assert.Equal("PortNotFound", response.Str("NeutronError", "type"));
    }
}
