using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Compute;

public sealed class ServerTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task Create_Valid_Returns202AndBecomesActiveWithPrivateAddress()
    {
        var session = await Client.NewSessionAsync();

        var id = await session.CreateServerAsync("web-1");
        var server = await session.ServerAsync(id);

        Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
        Assert.Equal("active", server["OS-EXT-STS:vm_state"]!.GetValue<string>());
        Assert.Null(server["OS-EXT-STS:task_state"]);
        var address = server["addresses"]!["private"]![0]!;
        Assert.Equal("fixed", address["OS-EXT-IPS:type"]!.GetValue<string>());
        Assert.StartsWith("10.0.0.", address["addr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("default", server["security_groups"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_OverCoreQuota_Returns403WithNovaMessage()
    {
        var session = await Client.NewSessionAsync();
        await session.CreateServerAsync("a", "m1.xlarge");
        await session.CreateServerAsync("b", "m1.large");
        await session.CreateServerAsync("c", "m1.medium");

        var body = new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = "d",
                ["flavorRef"] = await session.FlavorIdAsync("m1.large"),
                ["imageRef"] = await session.ImageIdAsync("debian-12"),
                ["networks"] = "auto",
            },
        };
        var response = await session.PostAsync(session.Compute("/servers"), body, ("OpenStack-API-Version", "compute 2.79"));

        response.AssertStatus(403);
        Assert.Equal("Quota exceeded for cores: Requested 4, but already used 14 of 16 cores", response.Str("forbidden", "message"));
    }

    [Fact]
    public async Task Create_WithoutNetworksAtMicroversion237_Returns400()
    {
        var session = await Client.NewSessionAsync();
        var body = new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = "n",
                ["flavorRef"] = await session.FlavorIdAsync("m1.small"),
                ["imageRef"] = await session.ImageIdAsync("rocky-9"),
            },
        };

        var response = await session.PostAsync(session.Compute("/servers"), body, ("X-OpenStack-Nova-API-Version", "2.37"));

        response.AssertStatus(400);
        Assert.Contains("'networks' is a required property", response.Str("badRequest", "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Microversion_AboveMaximum_Returns406AndEchoesVersionOtherwise()
    {
        var session = await Client.NewSessionAsync();

        var tooHigh = await session.GetAsync(session.Compute("/servers"), ("OpenStack-API-Version", "compute 2.200"));
        var ok = await session.GetAsync(session.Compute("/servers"), ("X-OpenStack-Nova-API-Version", "2.60"));

        tooHigh.AssertStatus(406);
        ok.AssertStatus(200);
        Assert.Equal("compute 2.60", ok.Headers["OpenStack-API-Version"]);
        Assert.Equal("2.60", ok.Headers["X-OpenStack-Nova-API-Version"]);
    }

    [Fact]
    public async Task OtherProject_CannotSeeServer_Returns404AndEmptyList()
    {
        var owner = await Client.NewSessionAsync();
        var stranger = await Client.NewSessionAsync();
        var id = await owner.CreateServerAsync("private-vm");

        (await stranger.GetAsync(stranger.Compute("/servers/" + id))).AssertStatus(404);
        var list = (await stranger.GetAsync(stranger.Compute("/servers/detail"))).AssertStatus(200);
        Assert.Empty(list.Json!["servers"]!.AsArray());
        (await stranger.DeleteAsync(stranger.Compute("/servers/" + id))).AssertStatus(404);
    }

    [Fact]
    public async Task List_FilterByNameAndStatus_ReturnsMatches()
    {
        var session = await Client.NewSessionAsync();
        var a = await session.CreateServerAsync("alpha");
        await session.CreateServerAsync("beta");
        await session.PostAsync(session.Compute($"/servers/{a}/action"), new JsonObject { ["os-stop"] = null });

        var byName = (await session.GetAsync(session.Compute("/servers/detail?name=alpha"))).AssertStatus(200).Json!["servers"]!.AsArray();
        var byStatus = (await session.GetAsync(session.Compute("/servers?status=SHUTOFF"))).AssertStatus(200).Json!["servers"]!.AsArray();

        Assert.Equal("alpha", Assert.Single(byName)!["name"]!.GetValue<string>());
        Assert.Equal(a, Assert.Single(byStatus)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResizeThenConfirm_ChangesFlavor()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("r", "m1.small");
        var medium = await session.FlavorIdAsync("m1.medium");

        (await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["resize"] = new JsonObject { ["flavorRef"] = medium } })).AssertStatus(202);
        Assert.Equal("VERIFY_RESIZE", (await session.ServerAsync(id))["status"]!.GetValue<string>());
        (await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["confirmResize"] = null })).AssertStatus(204);

        var server = await session.ServerAsync(id);
        Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
        Assert.Equal(medium, server["flavor"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResizeThenRevert_RestoresFlavor()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("r", "m1.small");
        var small = await session.FlavorIdAsync("m1.small");

        await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["resize"] = new JsonObject { ["flavorRef"] = await session.FlavorIdAsync("m1.large") } });
        (await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["revertResize"] = null })).AssertStatus(202);

        var server = await session.ServerAsync(id);
        Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
        Assert.Equal(small, server["flavor"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StopTwice_SecondReturns409ConflictingRequest()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("s");

        (await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["os-stop"] = null })).AssertStatus(202);
        var again = await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["os-stop"] = null });

        again.AssertStatus(409);
        Assert.Contains("vm_state stopped", again.Str("conflictingRequest", "message"), StringComparison.Ordinal);
        Assert.Equal("SHUTOFF", (await session.ServerAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rebuild_ChangesImage()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("rb");
        var debian = await session.ImageIdAsync("debian-12");

        var response = await session.PostAsync(session.Compute($"/servers/{id}/action"), new JsonObject { ["rebuild"] = new JsonObject { ["imageRef"] = debian } });

        response.AssertStatus(202);
        Assert.Equal(debian, (await session.ServerAsync(id))["image"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Server_ThenShowReturns404AndPortsGone()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("gone");

        (await session.DeleteAsync(session.Compute("/servers/" + id))).AssertStatus(204);

        (await session.GetAsync(session.Compute("/servers/" + id))).AssertStatus(404);
        var ports = (await session.GetAsync(session.Network("/ports?device_id=" + id))).AssertStatus(200).Json!["ports"]!.AsArray();
        Assert.Empty(ports);
    }

    [Fact]
    public async Task TagsAndMetadata_RoundTrip()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("tagged");

        (await session.PutAsync(session.Compute($"/servers/{id}/tags"), new JsonObject { ["tags"] = new JsonArray { "a", "b" } })).AssertStatus(200);
        (await session.PutAsync(session.Compute($"/servers/{id}/metadata/role"), new JsonObject { ["meta"] = new JsonObject { ["role"] = "db" } })).AssertStatus(200);
        (await session.GetAsync(session.Compute($"/servers/{id}/tags/a"))).AssertStatus(204);
        (await session.GetAsync(session.Compute($"/servers/{id}/tags/zzz"))).AssertStatus(404);

        var server = (await session.GetAsync(session.Compute("/servers/" + id), ("OpenStack-API-Version", "compute 2.26"))).Json!["server"]!;
        Assert.Equal(["a", "b"], server["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("db", server["metadata"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task QuotaDetail_ReportsInUseAndLimit()
    {
        var session = await Client.NewSessionAsync();
        await session.CreateServerAsync("q", "m1.medium");

        var quota = (await session.GetAsync(session.Compute($"/os-quota-sets/{session.ProjectId}/detail"))).AssertStatus(200).Json!["quota_set"]!;

        Assert.Equal(2, quota["cores"]!["in_use"]!.GetValue<int>());
        Assert.Equal(16, quota["cores"]!["limit"]!.GetValue<int>());
        Assert.Equal(4096, quota["ram"]!["in_use"]!.GetValue<int>());
        Assert.Equal(65536, quota["ram"]!["limit"]!.GetValue<int>());
        Assert.Equal(1, quota["instances"]!["in_use"]!.GetValue<int>());
        Assert.Equal(0, quota["cores"]!["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task QuotaUpdate_NonAdmin_Returns403AndAdminSucceeds()
    {
        var member = await Client.NewSessionAsync();
        var admin = await Client.NewSessionAsync("toulouse", null, "admin", "member");
        var body = new JsonObject { ["quota_set"] = new JsonObject { ["cores"] = 32 } };

        (await member.PutAsync(member.Compute($"/os-quota-sets/{member.ProjectId}"), body)).AssertStatus(403);
        (await admin.PutAsync(admin.Compute($"/os-quota-sets/{member.ProjectId}"), body)).AssertStatus(200);

        var quota = (await member.GetAsync(member.Compute($"/os-quota-sets/{member.ProjectId}"))).Json!["quota_set"]!;
        Assert.Equal(32, quota["cores"]!.GetValue<int>());
    }

    [Fact]
    public async Task Keypair_GenerateImportDuplicate_BehavesLikeNova()
    {
        var session = await Client.NewSessionAsync();
        var generated = await session.PostAsync(session.Compute("/os-keypairs"), new JsonObject { ["keypair"] = new JsonObject { ["name"] = "gen" } },
            ("OpenStack-API-Version", "compute 2.10"));
        generated.AssertStatus(201);
        Assert.Contains("PRIVATE KEY", generated.Str("keypair", "private_key"), StringComparison.Ordinal);
        var publicKey = generated.Str("keypair", "public_key");

        var imported = await session.PostAsync(session.Compute("/os-keypairs"), new JsonObject { ["keypair"] = new JsonObject { ["name"] = "imp", ["public_key"] = publicKey } });
        var duplicate = await session.PostAsync(session.Compute("/os-keypairs"), new JsonObject { ["keypair"] = new JsonObject { ["name"] = "imp", ["public_key"] = publicKey } });
        var invalid = await session.PostAsync(session.Compute("/os-keypairs"), new JsonObject { ["keypair"] = new JsonObject { ["name"] = "bad", ["public_key"] = "ssh-rsa nope" } });

        imported.AssertStatus(200);
        Assert.Equal(generated.Str("keypair", "fingerprint"), imported.Str("keypair", "fingerprint"));
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", imported.Str("keypair", "fingerprint"));
        duplicate.AssertStatus(409);
        invalid.AssertStatus(400);
        (await session.GetAsync(session.Compute("/os-keypairs/imp"))).AssertStatus(200);
        (await session.DeleteAsync(session.Compute("/os-keypairs/imp"))).AssertStatus(202);
        (await session.GetAsync(session.Compute("/os-keypairs/imp"))).AssertStatus(404);
    }

    [Fact]
    public async Task Flavors_DefaultFederation_HasExpectedSizes()
    {
        var session = await Client.NewSessionAsync();

        var flavors = (await session.GetAsync(session.Compute("/flavors/detail"))).AssertStatus(200).Json!["flavors"]!.AsArray();

        var large = flavors.First(f => f!["name"]!.GetValue<string>() == "m1.large")!;
        Assert.Equal(4, large["vcpus"]!.GetValue<int>());
        Assert.Equal(8192, large["ram"]!.GetValue<int>());
        Assert.Contains(flavors, f => f!["name"]!.GetValue<string>() == "g1.large");
    }

    [Fact]
    public async Task UnknownServer_Returns404ItemNotFound()
    {
        var session = await Client.NewSessionAsync();

        var response = await session.GetAsync(session.Compute("/servers/00000000-0000-0000-0000-000000000000"));

        response.AssertStatus(404);
        Assert.Equal(404, response.Json!["itemNotFound"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Interfaces_ListServerPortWithFixedIp()
    {
        var session = await Client.NewSessionAsync();
        var id = await session.CreateServerAsync("nic");
        var port = (await session.GetAsync(session.Network("/ports?device_id=" + id))).AssertStatus(200).Json!["ports"]![0]!;

        var interfaces = (await session.GetAsync(session.Compute($"/servers/{id}/os-interface"))).AssertStatus(200).Json!["interfaceAttachments"]!.AsArray();

        var nic = Assert.Single(interfaces)!;
        Assert.Equal(port["id"]!.GetValue<string>(), nic["port_id"]!.GetValue<string>());
        Assert.Equal(port["fixed_ips"]![0]!["ip_address"]!.GetValue<string>(), nic["fixed_ips"]![0]!["ip_address"]!.GetValue<string>());
    }
}
