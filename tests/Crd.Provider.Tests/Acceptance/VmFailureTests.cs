using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_vm</c> when things go wrong: drift behind Terraform's back, a build ending in ERROR,
/// names that do not exist. Against a real crd-sim through the harness.
/// </summary>
public sealed class VmFailureTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task Drift_ServerChangedOrDeletedBehindTerraform_RefreshShowsItAndPlanRepairs()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = Config(tenant, Vm());
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness), "id")!;

        // Renamed and stopped elsewhere: refresh records it, the plan puts it back in place.
        await sim.PatchObjectAsync("compute.servers", id, new JsonObject { ["Name"] = "renamed", ["Status"] = "SHUTOFF", ["VmState"] = "stopped", ["PowerState"] = 4 });
        await harness.RefreshAsync(config, Deadline);
        Assert.Equal("renamed", Text(State(harness), "name"));
        Assert.Equal("shutoff", Text(State(harness), "power_state"));
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        var server = Assert.Single(await ServersAsync(sim, tenant));
        Assert.Equal("web", Field(server, "Name"));
        Assert.Equal("ACTIVE", Field(server, "Status"));

        // Deleted elsewhere: refresh drops it, the plan creates it again.
        await sim.DeleteObjectAsync("compute.servers", id);
        plan = await harness.PlanAsync(config, Deadline);
        Assert.Equal(ChangeAction.Create, plan.ActionOf(Address));
        await harness.RefreshAsync(config, Deadline);
        Assert.Null(harness.State.Get(Address));
    }

    [Fact]
    public async Task BuildError_ServerEndsInError_TaintedInStateWithNovaFaultMessage()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("montpellier");
        var harness = Harness();
        await sim.SetFaultsAsync([new JsonObject { ["site"] = "montpellier", ["kind"] = "build-error", ["count"] = 1, ["message"] = "No valid host was found. Host aggregate full." }]);
        try
        {
            var config = Config(tenant, Vm());
            var error = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.ApplyAsync(config, Deadline));

            var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
            Assert.Equal("Server Build Failed", diagnostic.Summary);
            Assert.Contains("No valid host was found. Host aggregate full.", diagnostic.Detail, StringComparison.Ordinal);
            var instance = harness.State.Get(Address);
            Assert.NotNull(instance);
            Assert.True(instance.Tainted);
            var server = Assert.Single(await ServersAsync(sim, tenant));
            Assert.Equal(Field(server, "Id"), Text(State(harness), "id"));
            Assert.Equal("ERROR", Text(State(harness), "status"));

            // The next apply replaces the tainted server; destroy leaves nothing.
            await sim.ClearFaultsAsync();
            var plan = await harness.ApplyAsync(config, Deadline);
            Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
            Assert.Equal("ACTIVE", Field(Assert.Single(await ServersAsync(sim, tenant)), "Status"));
            await harness.DestroyAsync(config, Deadline);
            Assert.Empty(await ServersAsync(sim, tenant));
            Assert.Empty(await ServerPortsAsync(sim, tenant));
        }
        finally
        {
            await sim.ClearFaultsAsync();
        }
    }

    [Theory]
    [InlineData("flavor", "m1.huge", "m1.small")]
    [InlineData("image", "plan9", "ubuntu-24.04")]
    [InlineData("network", "nowhere", "private")]
    public async Task UnknownName_Planned_ErrorAtAttributeListsWhatExists(string attribute, string value, string listed)
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("strasbourg");

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().PlanAsync(Config(tenant, Vm(b => b[attribute] = value)), Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal(attribute, diagnostic.Path);
        Assert.Contains($"\"{value}\"", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("strasbourg", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains(listed, diagnostic.Detail, StringComparison.Ordinal);
        Assert.Empty(await ServersAsync(sim, tenant));
    }

    [Theory]
    [InlineData("toulouse")]
    [InlineData("lyon/8c1e2d4f")]
    [InlineData("toulouse/a/b/c")]
    public async Task Import_MalformedOrUnknownSite_ErrorExplainsFormat(string id)
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().ImportAsync(Config(tenant, Vm()), Address, id, Deadline));

        Assert.Contains(error.Diagnostics, d => d.IsError && (d.Summary is "Invalid Import ID" or "Unknown Site"));
    }

    [Fact]
    public async Task Import_ServerDoesNotExist_CannotImport()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().ImportAsync(Config(tenant, Vm()), Address, "toulouse/" + Guid.NewGuid(), Deadline));

        Assert.Contains(error.Diagnostics, d => d.IsError && d.Summary.Contains("non-existent", StringComparison.OrdinalIgnoreCase));
    }
}
