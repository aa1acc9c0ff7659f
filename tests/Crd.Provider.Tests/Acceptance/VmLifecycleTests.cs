using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_vm</c> through the harness (the published provider binary, driven as Terraform does)
/// against a real crd-sim: create, each in-place update, replacement, import, destroy.
/// </summary>
public sealed class VmLifecycleTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task VmResource_Lifecycle_CreatesUpdatesInPlaceImportsAndDestroys()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();

        // Create: BUILD -> ACTIVE, computed attributes known, then the plan is empty.
        var config = Config(tenant, Vm(b => b["metadata"] = new Dictionary<string, object?> { ["role"] = "web" }));
        await harness.ApplyAsync(config, Deadline);
        var state = State(harness);
        var id = Text(state, "id")!;
        Assert.Equal("ACTIVE", Text(state, "status"));
        Assert.Equal("active", Text(state, "power_state"));
        Assert.Equal("toulouse", Text(state, "site"));
        Assert.Equal(tenant.ProjectId, Text(state, "project"));
        Assert.Equal("private", Text(state, "network"));
        Assert.Equal(["default"], Strings(state, "security_groups"));
        Assert.StartsWith("10.0.0.", Text(state, "private_ip"));
        Assert.Null(Text(state, "public_ip"));
        Assert.Equal("web", state["metadata"]!["role"]!.ToString());
        var server = Assert.Single(await ServersAsync(sim, tenant));
        Assert.Equal(id, Field(server, "Id"));
        Assert.Equal(Text(state, "flavor_id"), Field(server, "FlavorId"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import by <site>/<id> gives exactly the applied state (user_data is never returned by Nova).
        await harness.ImportVerifyAsync(config, Address, "toulouse/" + id, ["timeouts", "user_data"], Deadline);

        // name, metadata, tags: in place.
        config = Config(tenant, Vm(b =>
        {
            b["name"] = "web-renamed";
            b["metadata"] = new Dictionary<string, object?> { ["role"] = "frontend", ["tier"] = "1" };
            b["tags"] = new[] { "blue", "green" };
        }));
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        server = Assert.Single(await ServersAsync(sim, tenant));
        Assert.Equal("web-renamed", Field(server, "Name"));
        Assert.Equal("frontend", server["Metadata"]!["role"]!.ToString());
        Assert.Equal(["blue", "green"], server["Tags"]!.AsArray().Select(t => t!.ToString()).Order());
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // flavor: resize in place (VERIFY_RESIZE, confirm), same server id.
        config = Config(tenant, Vm(b =>
        {
            b["name"] = "web-renamed";
            b["flavor"] = "m1.medium";
        }));
        plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        server = Assert.Single(await ServersAsync(sim, tenant));
        Assert.Equal(id, Field(server, "Id"));
        Assert.Equal(Text(State(harness), "flavor_id"), Field(server, "FlavorId"));
        Assert.Equal("ACTIVE", Field(server, "Status"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // power_state shutoff, with a floating IP: stop, allocate and associate.
        config = Config(tenant, Vm(b =>
        {
            b["name"] = "web-renamed";
            b["flavor"] = "m1.medium";
            b["power_state"] = "shutoff";
            b["floating_ip"] = true;
        }));
        plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        state = State(harness);
        Assert.Equal("SHUTOFF", Text(state, "status"));
        var floating = Assert.Single(await FloatingIpsAsync(sim, tenant));
        Assert.Equal(Field(floating, "FloatingIpAddress"), Text(state, "public_ip"));
        Assert.NotEqual("", Field(floating, "PortId"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Back on, floating IP released.
        config = Config(tenant, Vm(b =>
        {
            b["name"] = "web-renamed";
            b["flavor"] = "m1.medium";
        }));
        await harness.ApplyAsync(config, Deadline);
        Assert.Equal("ACTIVE", Text(State(harness), "status"));
        Assert.Null(Text(State(harness), "public_ip"));
        Assert.Empty(await FloatingIpsAsync(sim, tenant));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Destroy: no server, no port, no floating IP left.
        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(harness.State.Instances);
        Assert.Empty(await ServersAsync(sim, tenant));
        Assert.Empty(await ServerPortsAsync(sim, tenant));
        Assert.Empty(await FloatingIpsAsync(sim, tenant));
    }
}
