using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.K8sScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>A crd-sim in real time: clusters take crd-sim's default 60 s to build.</summary>
public sealed class RealTimeCrdSim : K8sCrdSim
{
    public RealTimeCrdSim()
        : base([])
    {
    }
}

/// <summary>
/// A cluster that never completes (Cluster API clusters can stay CREATE_IN_PROGRESS forever):
/// the create timeout bounds the wait, the cluster stays in state as tainted, destroy removes it.
/// </summary>
public sealed class K8sClusterTimeoutTests(RealTimeCrdSim fixture) : IClassFixture<RealTimeCrdSim>
{
    [Fact]
    public async Task Create_StillInProgressAtTheTimeout_FailsWithTheLastStatusAndKeepsTheClusterTainted()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body(b => b["timeouts"] = new Dictionary<string, object?> { ["create"] = "3s" }));
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40));
        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Cluster Not Ready", diagnostic.Summary);
        Assert.Contains("CREATE_IN_PROGRESS", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("timeouts", diagnostic.Detail, StringComparison.Ordinal);
        var instance = s.Harness.State.Get(Address);
        Assert.NotNull(instance);
        Assert.True(instance.Tainted);
        Assert.Equal("CREATE_IN_PROGRESS", s.Text("status"));
        Assert.Equal(Assert.Single(await s.ClustersAsync())["Id"]!.GetValue<string>(), s.Id);

        // Destroy deletes it (crd-sim takes its 10 s to delete) and waits for the 404.
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.Empty(await s.ClustersAsync());
    }
}
