using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

public sealed class MagnumTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task Templates_Seeded_K8sTemplateUsesKubeImageWithKubeTag()
    {
        var session = await Client.NewSessionAsync();

        var templates = (await session.GetAsync(Magnum.Path(session, "/clustertemplates/detail"), Magnum.Latest)).AssertStatus(200).Json!["clustertemplates"]!.AsArray();

        var template = templates.Single(t => t!["name"]!.GetValue<string>() == "k8s-v1.30")!;
        Assert.Equal(await session.ImageIdAsync("ubuntu-22.04-kube-v1.30"), template["image_id"]!.GetValue<string>());
        Assert.Equal("v1.30.2", template["labels"]!["kube_tag"]!.GetValue<string>());
        Assert.True(template["public"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cluster_CreateUpdateDelete_FollowsStatusesAndCounts()
    {
        var session = await Client.NewSessionAsync();

        var id = await Magnum.CreateClusterAsync(session, "k8s-a", nodeCount: 2);
        var cluster = await Magnum.ClusterAsync(session, id);
        Assert.Equal("CREATE_COMPLETE", cluster["status"]!.GetValue<string>());
        Assert.Equal("v1.30.2", cluster["coe_version"]!.GetValue<string>());
        Assert.StartsWith("https://", cluster["api_address"]!.GetValue<string>());
        Assert.Equal(2, cluster["node_addresses"]!.AsArray().Count);
        Assert.Single(cluster["master_addresses"]!.AsArray());
        Assert.Equal("HEALTHY", cluster["health_status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(cluster["stack_id"]!.GetValue<string>()));

        (await Magnum.PatchAsync(session, "/clusters/" + id, [new JsonObject { ["op"] = "replace", ["path"] = "/node_count", ["value"] = 3 }])).AssertStatus(202);
        var updated = await Magnum.ClusterAsync(session, id);
        Assert.Equal("UPDATE_COMPLETE", updated["status"]!.GetValue<string>());
        Assert.Equal(3, updated["node_count"]!.GetValue<int>());
        Assert.Equal(3, updated["node_addresses"]!.AsArray().Count);

        (await session.PostAsync(Magnum.Path(session, $"/clusters/{id}/actions/resize"), new JsonObject { ["node_count"] = 1 }, Magnum.Latest)).AssertStatus(202);
        Assert.Equal(1, (await Magnum.ClusterAsync(session, id))["node_count"]!.GetValue<int>());

        (await session.DeleteAsync(Magnum.Path(session, "/clusters/" + id), Magnum.Latest)).AssertStatus(204);
        (await session.GetAsync(Magnum.Path(session, "/clusters/" + id), Magnum.Latest)).AssertStatus(404);
    }

    [Fact]
    public async Task Microversion_AboveMaximum_Is406InMagnumShape()
    {
        var session = await Client.NewSessionAsync();

        var response = await session.GetAsync(Magnum.Path(session, "/clusters"), ("OpenStack-API-Version", "container-infra 1.11"));

        response.AssertStatus(406);
        Assert.Equal(406, response.Json!["errors"]![0]!["status"]!.GetValue<int>());
        Assert.Equal("client", response.Json!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Show_UnknownCluster_Is404InMagnumShape()
    {
        var session = await Client.NewSessionAsync();

        var response = await session.GetAsync(Magnum.Path(session, "/clusters/" + Guid.NewGuid()), Magnum.Latest);

        response.AssertStatus(404);
        Assert.Contains("could not be found", response.Json!["errors"]![0]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ThirdCluster_IsRefusedByClusterQuota()
    {
        var session = await Client.NewSessionAsync();
        await Magnum.CreateClusterAsync(session, "q1");
        await Magnum.CreateClusterAsync(session, "q2");

        var response = await session.PostAsync(Magnum.Path(session, "/clusters"),
            new JsonObject { ["name"] = "q3", ["cluster_template_id"] = "k8s-v1.30", ["flavor_id"] = "m1.tiny", ["master_flavor_id"] = "m1.tiny" }, Magnum.Latest);

        response.AssertStatus(403);
        Assert.Contains("maximum clusters per project, 2", response.Text);
    }

    [Fact]
    public async Task Create_BeyondCoreQuota_EndsCreateFailedWithReason()
    {
        var session = await Client.NewSessionAsync("toulouse", new JsonObject { ["cores"] = 2 });

        var id = await Magnum.CreateClusterAsync(session, "big", nodeCount: 4);

        var cluster = await Magnum.ClusterAsync(session, id);
        Assert.Equal("CREATE_FAILED", cluster["status"]!.GetValue<string>());
        Assert.Contains("Quota exceeded for cores", cluster["status_reason"]!.GetValue<string>());
        Assert.Null(cluster["api_address"]);
    }

    [Fact]
    public async Task Nodegroups_DefaultsAndUserGroup_CreatePatchDelete()
    {
        var session = await Client.NewSessionAsync();
        var id = await Magnum.CreateClusterAsync(session, "ng");
        var groupsPath = $"/clusters/{id}/nodegroups";

        var defaults = (await session.GetAsync(Magnum.Path(session, groupsPath), Magnum.Latest)).AssertStatus(200).Json!["nodegroups"]!.AsArray();
        Assert.Equal(["default-master", "default-worker"], defaults.Select(g => g!["name"]!.GetValue<string>()));

        var created = await session.PostAsync(Magnum.Path(session, groupsPath), new JsonObject
        {
            ["name"] = "gpu-pool", ["node_count"] = 1, ["min_node_count"] = 1, ["max_node_count"] = 3, ["flavor_id"] = "m1.small", ["labels"] = new JsonObject { ["pool"] = "x" },
        }, Magnum.Latest);
        created.AssertStatus(202);
        var groupId = created.Str("uuid");
        var group = (await session.GetAsync(Magnum.Path(session, $"{groupsPath}/{groupId}"), Magnum.Latest)).AssertStatus(200).Json!;
        Assert.Equal("CREATE_COMPLETE", group["status"]!.GetValue<string>());
        Assert.Equal("worker", group["role"]!.GetValue<string>());
        Assert.Equal(3, group["max_node_count"]!.GetValue<int>());

        (await Magnum.PatchAsync(session, $"{groupsPath}/gpu-pool", [new JsonObject { ["op"] = "replace", ["path"] = "/node_count", ["value"] = 3 }])).AssertStatus(202);
        group = (await session.GetAsync(Magnum.Path(session, $"{groupsPath}/{groupId}"), Magnum.Latest)).AssertStatus(200).Json!;
        Assert.Equal(3, group["node_count"]!.GetValue<int>());
        Assert.Equal("UPDATE_COMPLETE", group["status"]!.GetValue<string>());

        (await Magnum.PatchAsync(session, $"{groupsPath}/gpu-pool", [new JsonObject { ["op"] = "replace", ["path"] = "/node_count", ["value"] = 4 }])).AssertStatus(400);
        (await session.DeleteAsync(Magnum.Path(session, $"{groupsPath}/default-worker"), Magnum.Latest)).AssertStatus(400);
        (await session.DeleteAsync(Magnum.Path(session, $"{groupsPath}/gpu-pool"), Magnum.Latest)).AssertStatus(204);
        (await session.GetAsync(Magnum.Path(session, $"{groupsPath}/{groupId}"), Magnum.Latest)).AssertStatus(404);
        (await session.GetAsync(Magnum.Path(session, groupsPath), ("OpenStack-API-Version", "container-infra 1.8"))).AssertStatus(406);
    }

    [Fact]
    public async Task Upgrade_ToAnotherTemplate_ChangesTemplateId()
    {
        var session = await Client.NewSessionAsync();
        var template = (await session.PostAsync(Magnum.Path(session, "/clustertemplates"), new JsonObject
        {
            ["name"] = "k8s-next", ["coe"] = "kubernetes", ["image_id"] = "ubuntu-22.04-kube-v1.30", ["labels"] = new JsonObject { ["kube_tag"] = "v1.30.3" },
        }, Magnum.Latest)).AssertStatus(201).Str("uuid");
        var id = await Magnum.CreateClusterAsync(session, "up");

        (await session.PostAsync(Magnum.Path(session, $"/clusters/{id}/actions/upgrade"), new JsonObject { ["cluster_template"] = template },
            ("OpenStack-API-Version", "container-infra 1.7"))).AssertStatus(406);
        (await session.PostAsync(Magnum.Path(session, $"/clusters/{id}/actions/upgrade"), new JsonObject { ["cluster_template"] = template }, Magnum.Latest)).AssertStatus(202);

        var cluster = await Magnum.ClusterAsync(session, id);
        Assert.Equal(template, cluster["cluster_template_id"]!.GetValue<string>());
        Assert.Equal("UPDATE_COMPLETE", cluster["status"]!.GetValue<string>());
        (await session.DeleteAsync(Magnum.Path(session, "/clustertemplates/" + template), Magnum.Latest)).AssertStatus(400);
    }

    [Fact]
    public async Task Create_WithInjectedBuildFault_EndsCreateFailed()
    {
        var session = await Client.NewSessionAsync("strasbourg");
        (await Client.PostAsync("/_sim/faults", new JsonObject
        {
            ["site"] = "strasbourg", ["service"] = "container-infra", ["kind"] = "build-error", ["count"] = 1, ["message"] = "Heat stack timed out",
        })).AssertStatus(201);

        var id = await Magnum.CreateClusterAsync(session, "doomed");

        var cluster = await Magnum.ClusterAsync(session, id);
        Assert.Equal("CREATE_FAILED", cluster["status"]!.GetValue<string>());
        Assert.Contains("Heat stack timed out", cluster["status_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Container_Infra_OnSiteWithoutK8s_Is404()
    {
        var session = await Client.NewSessionAsync("paris");

        (await session.GetAsync(Magnum.Path(session, "/clusters"), Magnum.Latest)).AssertStatus(404);
    }
}
