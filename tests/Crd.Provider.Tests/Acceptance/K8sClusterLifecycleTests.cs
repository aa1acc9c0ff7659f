using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.K8sScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_k8s_cluster through the Terraform-faithful harness against a real crd-sim: create, scale
/// the default group, node groups added/scaled/removed, autoscaling bounds, upgrade, import,
/// drift and destroy. One crd-sim for the class, one fresh tenant per test.
/// </summary>
public sealed class K8sClusterLifecycleTests(K8sCrdSim fixture) : IClassFixture<K8sCrdSim>
{
    [Fact]
    public async Task Create_WaitsForCompleteAndRecordsEverything_ThenPlanIsEmpty_DestroyLeavesNothing()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body());

        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Create, applied.ActionOf(Address));
        Assert.Equal("CREATE_COMPLETE", s.Text("status"));
        Assert.StartsWith("https://", s.Text("api_address"), StringComparison.Ordinal);
        Assert.Equal("v1.30.2", s.Text("kubernetes_version"));
        Assert.Contains("BEGIN CERTIFICATE", s.Text("ca_certificate"), StringComparison.Ordinal);
        Assert.Equal("toulouse", s.Text("site"));
        Assert.Equal(s.Tenant.ProjectId, s.Text("project"));
        Assert.Single(s.Attribute("master_addresses")!.AsArray());
        Assert.Single(s.Attribute("node_addresses")!.AsArray());
        Assert.Equal(1, s.Attribute("node_count")!.GetValue<int>());
        Assert.False(s.Attribute("floating_ip_enabled")!.GetValue<bool>());
        var cluster = Assert.Single(await s.ClustersAsync());
        Assert.Equal(s.Id, cluster["Id"]!.GetValue<string>());
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        var destroyed = await s.Harness.DestroyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Delete, destroyed.ActionOf(Address));
        Assert.Empty(await s.ClustersAsync());
        Assert.Empty(await s.Sim.ListObjectsAsync("container-infra.nodegroups", s.Tenant));
        Assert.Null(s.Harness.State.Get(Address));
    }

    [Fact]
    public async Task NodeCount_Changed_ResizesTheDefaultGroupInPlace()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body()), Deadline);
        var id = s.Id;
        var config = s.Config(Body(b => b["node_count"] = 3));

        var plan = await s.Harness.PlanAsync(config, Deadline);
        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        Assert.Equal(ChangeAction.Update, applied.ActionOf(Address));
        Assert.Equal(id, s.Id);
        Assert.Equal(3, (await s.GroupAsync("default-worker")).NodeCount);
        Assert.Equal(3, s.Attribute("node_addresses")!.AsArray().Count);
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task NodeGroup_AddScaleChangeBoundsRemove_AllInPlaceOnTheSameCluster()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body()), Deadline);
        var id = s.Id;

        // Add a group.
        var config = s.Config(Body(b => b["node_group"] = new[] { Group("gpu", 1, "m1.medium", labels: new() { ["tier"] = "gpu" }) }));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        var gpu = await s.GroupAsync("gpu");
        Assert.Equal(1, gpu.NodeCount);
        Assert.Equal("gpu", (await s.Magnum.FindNodegroupAsync(id, "gpu", Deadline))!.Labels["tier"]);
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Scale it and give it autoscaling bounds.
        config = s.Config(Body(b => b["node_group"] = new[] { Group("gpu", 2, "m1.medium", min: 1, max: 3, labels: new() { ["tier"] = "gpu" }) }));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        gpu = await s.GroupAsync("gpu");
        Assert.Equal((2, 1, (int?)3), (gpu.NodeCount, gpu.MinNodeCount, gpu.MaxNodeCount));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Remove it.
        config = s.Config(Body());
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.DoesNotContain(await s.GroupsAsync(), g => g.Name == "gpu");
        Assert.Equal(id, s.Id);
        Assert.Single(await s.ClustersAsync());
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task NodeGroup_FlavorChanged_ReplacesTheGroupNotTheCluster()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body(b => b["node_group"] = new[] { Group("extra", 1) })), Deadline);
        var id = s.Id;
        var before = (await s.GroupAsync("extra")).Id;

        var config = s.Config(Body(b => b["node_group"] = new[] { Group("extra", 1, "m1.medium") }));
        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, applied.ActionOf(Address));
        Assert.Equal(id, s.Id);
        var after = await s.GroupAsync("extra");
        Assert.NotEqual(before, after.Id);
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task Autoscaling_AddedChangedRemoved_BoundsOfTheDefaultGroupChangeInPlace()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = 1, ["max_nodes"] = 3 }));
        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Id;
        var worker = await s.GroupAsync("default-worker");
        Assert.Equal((1, (int?)3), (worker.MinNodeCount, worker.MaxNodeCount));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        config = s.Config(Body(b =>
        {
            b["node_count"] = 2;
            b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = 2, ["max_nodes"] = 5 };
        }));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        worker = await s.GroupAsync("default-worker");
        Assert.Equal((2, 2, (int?)5), (worker.NodeCount, worker.MinNodeCount, worker.MaxNodeCount));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        config = s.Config(Body(b => b["node_count"] = 2));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        worker = await s.GroupAsync("default-worker");
        Assert.Null(worker.MaxNodeCount);
        Assert.Equal(id, s.Id);
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task Autoscaling_AutoscalerMovedTheSize_IsNotDrift()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = 1, ["max_nodes"] = 4 }));
        await s.Harness.ApplyAsync(config, Deadline);

        // The autoscaler adds two nodes.
        await s.Sim.PatchObjectAsync("container-infra.nodegroups", (await s.GroupAsync("default-worker")).Id, new JsonObject { ["NodeCount"] = 3 });

        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task Template_Changed_UpgradesInPlace()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body()), Deadline);
        var id = s.Id;
        var newer = await K8sTemplates.CreateTemplateAsync(s, "k8s-v1.30-b", "v1.30.2");

        var config = s.Config(Body(b => b["template"] = "k8s-v1.30-b"));
        var plan = await s.Harness.PlanAsync(config, Deadline);
        await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        Assert.Equal(id, s.Id);
        Assert.Equal(newer, s.Text("template_id"));
        Assert.Equal("v1.30.2", s.Text("kubernetes_version"));
        Assert.Equal("UPDATE_COMPLETE", s.Text("status"));
        Assert.Equal(newer, (await s.Magnum.GetClusterAsync(id, Deadline)).TemplateId);
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // The same template by uuid is no change.
        Assert.True((await s.Harness.PlanAsync(s.Config(Body(b => b["template"] = newer)), Deadline)).IsEmpty);
    }

    [Fact]
    public async Task Labels_Changed_ReplacesTheCluster()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body(b => b["labels"] = new Dictionary<string, object?> { ["monitoring_enabled"] = "true" })), Deadline);

        var plan = await s.Harness.PlanAsync(s.Config(Body(b => b["labels"] = new Dictionary<string, object?> { ["monitoring_enabled"] = "false" })), Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
    }

    [Fact]
    public async Task Import_BySiteAndId_EqualsTheAppliedState()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b =>
        {
            b["labels"] = new Dictionary<string, object?> { ["monitoring_enabled"] = "true" };
            b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = 1, ["max_nodes"] = 3 };
            b["node_group"] = new[] { Group("big", 1, "m1.medium", min: 1, max: 2, labels: new() { ["tier"] = "big" }) };
        }));
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Harness.ImportVerifyAsync(config, Address, $"toulouse/{s.Id}", [], Deadline);
        await s.Harness.ImportVerifyAsync(config, Address, $"toulouse/{s.Tenant.ProjectId}/{s.Id}", [], Deadline);
    }

    [Fact]
    public async Task Drift_ClusterDeletedBehindTerraformsBack_PlanCreatesItAgain()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body());
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Magnum.DeleteClusterAsync(s.Id, Deadline);
        await s.Magnum.WaitDeletedAsync(s.Id, TimeSpan.FromSeconds(30), Deadline);

        Assert.Equal(ChangeAction.Create, (await s.Harness.PlanAsync(config, Deadline)).ActionOf(Address));
    }

    [Fact]
    public async Task Drift_ClusterResizedBehindTerraformsBack_PlanResizesItBack()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["node_count"] = 2));
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Magnum.ResizeAsync(s.Id, 4, null, Deadline);
        await s.Magnum.WaitForStatusAsync(s.Id, "UPDATE_COMPLETE", TimeSpan.FromSeconds(30), Deadline);
        var plan = await s.Harness.PlanAsync(config, Deadline);
        await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        Assert.Equal(2, (await s.GroupAsync("default-worker")).NodeCount);
    }
}
