using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>crd-sim with a short token lifetime (60 s) and server builds that take 30 simulated seconds.</summary>
public sealed class ShortTokenCrdSim() : SharedCrdSim("--token-lifetime", "60", "--build-seconds", "30");

/// <summary><c>crd_vm</c> while Keystone tokens expire in the middle of an operation.</summary>
public sealed class VmTokenExpiryTests(ShortTokenCrdSim fixture) : IClassFixture<ShortTokenCrdSim>
{
    [Fact]
    public async Task TokenExpiry_DuringBuildWait_ProviderReauthenticatesAndFinishes()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = Config(tenant, Vm());

        // The build takes 30 simulated seconds; move the clock 10 minutes on while the provider
        // waits, so the token it holds expires between two polls.
        var apply = harness.ApplyAsync(config, Deadline);
        while (!apply.IsCompleted && (await ServersAsync(sim, tenant)).Count == 0)
        {
            await Task.Delay(100);
        }

        await sim.AdvanceClockAsync(600);
        await apply;

        Assert.Equal("ACTIVE", Text(State(harness), "status"));

        // Later calls with the expired token succeed too (refresh, update, destroy).
        await sim.AdvanceClockAsync(600);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        config = Config(tenant, Vm(b => b["name"] = "web-2"));
        Assert.Equal(ChangeAction.Update, (await harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(await ServersAsync(sim, tenant));
    }
}
