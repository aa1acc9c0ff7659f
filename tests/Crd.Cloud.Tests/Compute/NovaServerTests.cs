using System.Text.Json.Nodes;
using Crd.Cloud.Compute;

namespace Crd.Cloud.Tests.Compute;

/// <summary>Parsing Nova's server body (microversion 2.79 shapes, from nova's api samples).</summary>
public sealed class NovaServerTests
{
    private const string Body = """
        {
          "id": "9168b536-cd40-4630-b43f-b259807c6e87",
          "name": "web",
          "status": "ERROR",
          "OS-EXT-STS:task_state": null,
          "OS-EXT-AZ:availability_zone": "nova",
          "key_name": null,
          "image": "",
          "flavor": {"vcpus": 1, "ram": 2048, "disk": 20, "original_name": "m1.small", "extra_specs": {}},
          "metadata": {"role": "web", "crd:request": "abc"},
          "tags": ["blue"],
          "security_groups": [{"name": "default"}, {"name": "default"}, {"name": "web"}],
          "addresses": {
            "private": [
              {"addr": "10.0.0.5", "version": 4, "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:00:00:01"},
              {"addr": "203.0.113.7", "version": 4, "OS-EXT-IPS:type": "floating", "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:00:00:01"}
            ]
          },
          "os-extended-volumes:volumes_attached": [{"id": "vol-1", "delete_on_termination": true}],
          "fault": {"code": 500, "message": "No valid host was found.", "created": "2026-11-22T04:00:00Z"},
          "created": "2026-11-22T03:59:00Z"
        }
        """;

    [Fact]
    public void Parse_ServerInError_EveryFieldRead()
    {
        var server = NovaServer.Parse(JsonNode.Parse(Body)!.AsObject());

        Assert.Equal(("9168b536-cd40-4630-b43f-b259807c6e87", "web", "ERROR"), (server.Id, server.Name, server.Status));
        Assert.Equal("No valid host was found.", server.FaultMessage);
        Assert.Equal("", server.ImageId); // booted from a volume
        Assert.Equal(("m1.small", (string?)null), (server.FlavorName, server.FlavorId));
        Assert.Null(server.KeyName);
        Assert.Equal("nova", server.AvailabilityZone);
        Assert.Equal("abc", server.Metadata["crd:request"]);
        Assert.Equal(["blue"], server.Tags);
        Assert.Equal(["default", "web"], server.SecurityGroupNames);
        Assert.Equal(
            [new ServerAddress("private", "10.0.0.5", 4, false), new ServerAddress("private", "203.0.113.7", 4, true)],
            server.Addresses);
        Assert.Equal(["vol-1"], server.AttachedVolumeIds);
        Assert.Equal("2026-11-22T03:59:00Z", server.CreatedAt);
    }

    [Fact]
    public void Parse_LinkedFlavorAndImage_IdsRead()
    {
        var server = NovaServer.Parse(JsonNode.Parse("""
            {"id": "s1", "name": "n", "status": "BUILD", "OS-EXT-STS:task_state": "spawning",
             "image": {"id": "img-1", "links": []}, "flavor": {"id": "42", "links": []}, "addresses": {}}
            """)!.AsObject());

        Assert.Equal(("img-1", "42", (string?)null), (server.ImageId, server.FlavorId, server.FlavorName));
        Assert.Equal("spawning", server.TaskState);
        Assert.Empty(server.SecurityGroupNames);
        Assert.Empty(server.Addresses);
    }

    [Fact]
    public void Parse_NoId_ProtocolError()
    {
        Assert.Throws<CloudProtocolException>(() => NovaServer.Parse(new JsonObject { ["name"] = "x" }));
    }
}
