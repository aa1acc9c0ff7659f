using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.K8sScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_k8s_cluster when things go wrong: CREATE_FAILED, plan-time validation of node bounds and
/// group names, unknown templates and flavors, and the plan-time quota check. Against a real
/// crd-sim through the harness.
/// </summary>
public sealed class K8sClusterFailureTests(K8sCrdSim fixture) : IClassFixture<K8sCrdSim>
{
    [Fact]
    public async Task CreateFailed_ClusterTaintedInStateWithMagnumStatusReason_NextApplyReplacesIt()
    {
        await using var s = await StartAsync(fixture, "montpellier");
        await s.Sim.SetFaultsAsync([new JsonObject { ["site"] = "montpellier", ["service"] = "container-infra", ["kind"] = "build-error", ["count"] = 1, ["message"] = "Heat stack kube_masters: No valid host was found." }]);
        try
        {
            var config = s.Config(Body());
            var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

            var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
            Assert.Equal("Cluster Create Failed", diagnostic.Summary);
            Assert.Contains("CREATE_FAILED", diagnostic.Detail, StringComparison.Ordinal);
            Assert.Contains("No valid host was found.", diagnostic.Detail, StringComparison.Ordinal);
            Assert.Contains("tainted", diagnostic.Detail, StringComparison.Ordinal);
            var instance = s.Harness.State.Get(Address);
            Assert.NotNull(instance);
            Assert.True(instance.Tainted);
            var cluster = Assert.Single(await s.ClustersAsync());
            Assert.Equal(cluster["Id"]!.GetValue<string>(), s.Id);
            Assert.Equal("CREATE_FAILED", s.Text("status"));

            await s.Sim.ClearFaultsAsync();
            var plan = await s.Harness.ApplyAsync(config, Deadline);
            Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
            Assert.Equal("CREATE_COMPLETE", Assert.Single(await s.ClustersAsync())["Status"]!.GetValue<string>());
            await s.Harness.DestroyAsync(config, Deadline);
            Assert.Empty(await s.ClustersAsync());
        }
        finally
        {
            await s.Sim.ClearFaultsAsync();
        }
    }

    [Theory]
    [InlineData(5, 1, 3, "node_count", "above max_nodes")]
    [InlineData(1, 2, 4, "node_count", "below min_nodes")]
    [InlineData(2, 4, 3, "autoscaling.min_nodes", "greater than max_nodes")]
    public async Task Validate_DefaultGroupOutOfBounds_ErrorAtAttributePath(int count, int min, int max, string path, string words)
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b =>
        {
            b["node_count"] = count;
            b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = min, ["max_nodes"] = max };
        }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal(path, diagnostic.Path);
        Assert.Contains(words, diagnostic.Detail, StringComparison.Ordinal);
        Assert.Empty(await s.ClustersAsync());
    }

    [Fact]
    public async Task Validate_NodeGroupOutOfBounds_ErrorAtItsPath()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["node_group"] = new[] { Group("a", 1), Group("b", 6, min: 1, max: 4) }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Node Count Out Of Bounds", diagnostic.Summary);
        Assert.Equal("node_group[1].node_count", diagnostic.Path);
    }

    [Fact]
    public async Task Validate_DefaultWorkerAsNodeGroup_PlanSaysItCannotBeDeclaredOrDeleted()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["node_group"] = new[] { Group("default-worker", 2) }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Reserved Node Group Name", diagnostic.Summary);
        Assert.Equal("node_group[0].name", diagnostic.Path);
        Assert.Contains("cannot be declared, replaced or deleted", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("node_count", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_UnknownTemplateAndFlavor_ErrorsAtTheirPathsListingWhatExists()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b =>
        {
            b["template"] = "k8s-v9.99";
            b["node_group"] = new[] { Group("a", 1, "m1.huge") };
        }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Unknown Cluster Template" && d.Path == "template" && d.Detail.Contains("k8s-v1.30", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Summary == "Unknown Flavor" && d.Path == "node_group[0].flavor" && d.Detail.Contains("m1.small", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuotaCheck_ClusterCoresWithAutoscalingMaximum_PlanFailsBeforeAnythingIsCreated()
    {
        // 16 cores: masters 1 x m1.medium (2) + default group up to 3 x m1.large (12) + a group of up to 2 x m1.medium (4) = 18.
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b =>
        {
            b["master_flavor"] = "m1.medium";
            b["worker_flavor"] = "m1.large";
            b["autoscaling"] = new Dictionary<string, object?> { ["min_nodes"] = 1, ["max_nodes"] = 3 };
            b["node_group"] = new[] { Group("extra", 1, "m1.medium", max: 2) };
        }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Quota Exceeded", diagnostic.Summary);
        Assert.Contains($"plan needs 18 cores on toulouse for project {s.Tenant.ProjectName} ({s.Tenant.ProjectId}); limit 16, in use 0", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("This crd_k8s_cluster adds 18 cores", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Empty(await s.ClustersAsync());
    }

    [Fact]
    public async Task QuotaCheck_MoreClustersThanTheClusterQuota_PlanFailsOnTheCount()
    {
        await using var s = await StartAsync(fixture, quota: new JsonObject { ["k8sClusters"] = 1 });
        var second = new Crd.Terraform.Testing.Configuration.ResourceConfig("crd_k8s_cluster", "k2", Body(b => b["name"] = "k2"));
        var config = s.Config(Body(), second);

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Quota Exceeded", diagnostic.Summary);
        Assert.Contains("plan needs 2 Kubernetes clusters on toulouse", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("limit 1, in use 0", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotaCheck_ClusterAndVmTogether_SummedPerSiteAndProject()
    {
        // 16 cores: a cluster of 2 x m1.large (8) and a VM of m1.xlarge (8) fit; another m1.small VM does not.
        await using var s = await StartAsync(fixture);
        var body = Body(b =>
        {
            b["master_flavor"] = "m1.large";
            b["worker_flavor"] = "m1.large";
        });
        var vm = new Crd.Terraform.Testing.Configuration.ResourceConfig("crd_vm", "a", new Dictionary<string, object?> { ["name"] = "a", ["flavor"] = "m1.xlarge", ["image"] = "debian-12" });
        var extra = new Crd.Terraform.Testing.Configuration.ResourceConfig("crd_vm", "b", new Dictionary<string, object?> { ["name"] = "b", ["flavor"] = "m1.small", ["image"] = "debian-12" });

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(s.Config(body, vm, extra), Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Quota Exceeded", diagnostic.Summary);
        Assert.Contains("plan needs 17 cores on toulouse", diagnostic.Detail, StringComparison.Ordinal);
    }
}
