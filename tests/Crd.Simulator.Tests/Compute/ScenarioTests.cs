using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Compute;

/// <summary>Cross-service walks like the provider's: build a small stack, change it, tear it down.</summary>
public sealed class ScenarioTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    [Fact]
    public async Task BastionWithVolumeAndFloatingIp_TearDown_LeavesNoUsage()
    {
        var session = await fixture.Client.NewSessionAsync("montpellier");
        // Create: key pair, security group with SSH, server, volume attached, floating IP on the server's port.
        var key = SshKeyForTests;
        (await session.PostAsync(session.Compute("/os-keypairs"), new JsonObject { ["keypair"] = new JsonObject { ["name"] = "ops", ["public_key"] = key } })).AssertStatus(200);
        var group = (await session.PostAsync(session.Network("/security-groups"), new JsonObject { ["security_group"] = new JsonObject { ["name"] = "ssh" } }))
            .AssertStatus(201).Str("security_group", "id");
        (await session.PostAsync(session.Network("/security-group-rules"), new JsonObject
        {
            ["security_group_rule"] = new JsonObject
            {
                ["security_group_id"] = group, ["direction"] = "ingress", ["protocol"] = "tcp", ["port_range_min"] = 22, ["port_range_max"] = 22,
            },
        })).AssertStatus(201);
        var server = (await session.PostAsync(session.Compute("/servers"), new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = "bastion",
                ["flavorRef"] = await session.FlavorIdAsync("m1.small"),
                ["imageRef"] = await session.ImageIdAsync("debian-12"),
                ["networks"] = new JsonArray { new JsonObject { ["uuid"] = (await session.GetAsync(session.Network("/networks?name=private"))).Json!["networks"]![0]!["id"]!.GetValue<string>() } },
                ["key_name"] = "ops",
                ["security_groups"] = new JsonArray { new JsonObject { ["name"] = "ssh" } },
                ["tags"] = new JsonArray { "bastion" },
            },
        }, ("OpenStack-API-Version", "compute 2.79"))).AssertStatus(202).Str("server", "id");
        var volume = (await session.PostAsync(session.Volume("/volumes"), new JsonObject { ["volume"] = new JsonObject { ["size"] = 50, ["volume_type"] = "hdd" } }))
            .AssertStatus(202).Str("volume", "id");
        (await session.PostAsync(session.Compute($"/servers/{server}/os-volume_attachments"),
            new JsonObject { ["volumeAttachment"] = new JsonObject { ["volumeId"] = volume } })).AssertStatus(200);
        var port = (await session.GetAsync(session.Network("/ports?device_id=" + server))).Json!["ports"]![0]!;
        Assert.Equal([group], port["security_groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        var external = (await session.GetAsync(session.Network("/networks?router:external=True"))).Json!["networks"]![0]!["id"]!.GetValue<string>();
        var fip = (await session.PostAsync(session.Network("/floatingips"), new JsonObject
        {
            ["floatingip"] = new JsonObject { ["floating_network_id"] = external, ["port_id"] = port["id"]!.GetValue<string>() },
        })).AssertStatus(201).Str("floatingip", "id");

        var shown = (await session.GetAsync(session.Compute("/servers/" + server), ("OpenStack-API-Version", "compute 2.79"))).Json!["server"]!;
        Assert.Equal("ops", shown["key_name"]!.GetValue<string>());
        Assert.Equal(["bastion"], shown["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(2, shown["addresses"]!["private"]!.AsArray().Count);

        // Tear down in Terraform's reverse order.
        (await session.DeleteAsync(session.Network("/floatingips/" + fip))).AssertStatus(204);
        (await session.DeleteAsync(session.Compute($"/servers/{server}/os-volume_attachments/{volume}"))).AssertStatus(202);
        (await session.DeleteAsync(session.Volume("/volumes/" + volume))).AssertStatus(202);
        (await session.DeleteAsync(session.Compute("/servers/" + server))).AssertStatus(204);
        (await session.GetAsync(session.Compute("/servers/" + server))).AssertStatus(404);
        (await session.DeleteAsync(session.Network("/security-groups/" + group))).AssertStatus(204);
        (await session.DeleteAsync(session.Compute("/os-keypairs/ops"))).AssertStatus(202);

        var compute = (await session.GetAsync(session.Compute($"/os-quota-sets/{session.ProjectId}/detail"))).Json!["quota_set"]!;
        var volumes = (await session.GetAsync(session.Volume($"/os-quota-sets/{session.ProjectId}?usage=true"))).Json!["quota_set"]!;
        var network = (await session.GetAsync(session.Network($"/quotas/{session.ProjectId}/details.json"))).Json!["quota"]!;
        Assert.Equal(0, compute["instances"]!["in_use"]!.GetValue<int>());
        Assert.Equal(0, compute["cores"]!["in_use"]!.GetValue<int>());
        Assert.Equal(0, volumes["gigabytes"]!["in_use"]!.GetValue<int>());
        Assert.Equal(0, network["floatingip"]!["used"]!.GetValue<int>());
        Assert.Equal(0, network["port"]!["used"]!.GetValue<int>());
    }

    [Fact]
    public async Task BootFromVolume_CreatesAttachedBootVolumeDeletedWithServer()
    {
        var session = await fixture.Client.NewSessionAsync("paris");
        var image = await session.ImageIdAsync("ubuntu-24.04");

        var server = (await session.PostAsync(session.Compute("/servers"), new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["name"] = "bfv",
                ["flavorRef"] = await session.FlavorIdAsync("m1.small"),
                ["networks"] = "auto",
                ["block_device_mapping_v2"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["boot_index"] = 0, ["uuid"] = image, ["source_type"] = "image", ["destination_type"] = "volume",
                        ["volume_size"] = 30, ["delete_on_termination"] = true,
                    },
                },
            },
        }, ("OpenStack-API-Version", "compute 2.79"))).AssertStatus(202).Str("server", "id");

        var shown = await session.ServerAsync(server);
        Assert.Equal("", shown["image"]!.GetValue<string>());
        var volume = shown["os-extended-volumes:volumes_attached"]![0]!["id"]!.GetValue<string>();
        var cinder = (await session.GetAsync(session.Volume("/volumes/" + volume))).AssertStatus(200).Json!["volume"]!;
        Assert.Equal(30, cinder["size"]!.GetValue<int>());
        Assert.Equal("/dev/vda", cinder["attachments"]![0]!["device"]!.GetValue<string>());
        (await session.DeleteAsync(session.Compute($"/servers/{server}/os-volume_attachments/{volume}"))).AssertStatus(400);

        (await session.DeleteAsync(session.Compute("/servers/" + server))).AssertStatus(204);
        (await session.GetAsync(session.Compute("/servers/" + server))).AssertStatus(404);
        (await session.GetAsync(session.Volume("/volumes/" + volume))).AssertStatus(404);
    }

    private const string SshKeyForTests =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ0ZXN0LWtleS1mb3ItY3JkLXNpbS10ZXN0cy0xMjM0 test@crd";
}
