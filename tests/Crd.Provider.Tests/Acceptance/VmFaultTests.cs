using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>crd-sim with server builds of one second, so that applies really wait.</summary>
public sealed class OneSecondBuildCrdSim() : SharedCrdSim("--build-seconds", "1");

/// <summary><c>crd_vm</c> while crd-sim answers 10% of every request with 429, 503 or a reset connection.</summary>
public sealed class VmFaultTests(OneSecondBuildCrdSim fixture) : IClassFixture<OneSecondBuildCrdSim>
{
    [Fact]
    public async Task InjectedFaults_ApplyAndDestroySixVms_SimulatorHoldsExactlyTheState()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("strasbourg");
        var harness = Harness();
        var config = new TerraformConfiguration
        {
            Provider = CrdSim.ProviderBlock(tenant),
            Resources = [.. Enumerable.Range(0, 6).Select(i => new ResourceConfig("crd_vm", $"vm{i}", Vm(b =>
            {
                b["name"] = $"vm{i}";
                b["flavor"] = "m1.tiny";
                b["floating_ip"] = i < 4; // the default quota allows 4
            })))],
        };
        await sim.SetFaultsAsync(
        [
            new JsonObject { ["site"] = "strasbourg", ["status"] = 429, ["retryAfter"] = 0, ["rate"] = 0.1 },
            new JsonObject { ["site"] = "strasbourg", ["status"] = 503, ["rate"] = 0.1 },
            new JsonObject { ["site"] = "strasbourg", ["kind"] = "reset", ["rate"] = 0.1 },
        ]);
        try
        {
            await harness.ApplyAsync(config, Deadline);

            var servers = await ServersAsync(sim, tenant);
            var inState = harness.State.Instances.Keys.Select(a => Text(State(harness, a), "id")).Order().ToList();
            Assert.Equal(inState, servers.Select(s => Field(s, "Id")).Order());
            var floating = await FloatingIpsAsync(sim, tenant);
            Assert.Equal(4, floating.Count);
            Assert.All(floating, f => Assert.NotEqual("", Field(f, "PortId")));
            Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

            await harness.DestroyAsync(config, Deadline);
            Assert.Empty(await ServersAsync(sim, tenant));
            Assert.Empty(await FloatingIpsAsync(sim, tenant));
            Assert.Empty(await ServerPortsAsync(sim, tenant));
        }
        finally
        {
            await sim.ClearFaultsAsync();
        }
    }
}
