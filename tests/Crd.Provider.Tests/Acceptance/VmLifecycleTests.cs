using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using Xunit.Abstractions;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_vm</c> through the harness (the published provider binary, driven as Terraform does)
/// against a real crd-sim: create, each in-place update, replacement, import, destroy.
/// </summary>
public sealed class VmLifecycleTests(SharedCrdSim fixture, ITestOutputHelper output) : IClassFixture<SharedCrdSim>
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

    [Fact]
    public async Task SecurityGroups_NameThenIdOfSameGroup_EmptyPlanAndChangesInPlace()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        using var session = Session(tenant);
        var web = await CreateSecurityGroupAsync(session, "web");
        var groups = await sim.ListObjectsAsync("network.security_groups", tenant);
        var defaultId = Field(groups.Single(g => Field(g, "Name") == "default"), "Id");

        // By name.
        var config = Config(tenant, Vm(b => b["security_groups"] = new[] { "default" }));
        await harness.ApplyAsync(config, Deadline);

        // The same group by id: no change at all, and the state keeps the name.
        config = Config(tenant, Vm(b => b["security_groups"] = new[] { defaultId }));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.ApplyAsync(config, Deadline);
        Assert.Equal(["default"], Strings(State(harness), "security_groups"));

        // Another group, by id and by name mixed: changed on the port in place.
        config = Config(tenant, Vm(b => b["security_groups"] = new[] { defaultId, "web" }));
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        var port = Assert.Single(await ServerPortsAsync(sim, tenant));
        Assert.Equal(new[] { defaultId, web }.Order(), port["SecurityGroupIds"]!.AsArray().Select(g => g!.ToString()).Order());
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Unknown group: a plan-time error at the attribute, listing what exists.
        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.PlanAsync(Config(tenant, Vm(b => b["security_groups"] = new[] { "nope" })), Deadline));
        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("security_groups", diagnostic.Path);
        Assert.Contains("\"nope\"", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("default", diagnostic.Detail, StringComparison.Ordinal);

        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(await ServersAsync(sim, tenant));
    }

    [Fact]
    public async Task Image_Changed_ReplacesServer()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = Config(tenant, Vm());
        await harness.ApplyAsync(config, Deadline);
        var before = Text(State(harness), "id");

        config = Config(tenant, Vm(b => b["image"] = "debian-12"));
        var plan = await harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
        var server = Assert.Single(await ServersAsync(sim, tenant));
        Assert.NotEqual(before, Field(server, "Id"));
        Assert.Equal(Field(server, "Id"), Text(State(harness), "id"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.DestroyAsync(config, Deadline);
    }

    [Fact]
    public async Task BootVolume_Created_ImportReconstructsSizeAndDestroyDeletesVolume()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = Config(tenant, Vm(b => b["boot_volume_size_gb"] = 20));
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness), "id")!;
        var volume = Assert.Single(await sim.ListObjectsAsync("volume.volumes", tenant));
        Assert.Equal("20", Field(volume, "Size"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        await harness.ImportVerifyAsync(config, Address, $"toulouse/{tenant.ProjectId}/{id}", ["timeouts", "user_data"], Deadline);

        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(await sim.ListObjectsAsync("volume.volumes", tenant));
    }

    [Fact]
    public async Task Refresh_ThreeServers_OneRequestPerServer()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("reims");
        var harness = Harness();
        var config = new TerraformConfiguration
        {
            Provider = CrdSim.ProviderBlock(tenant),
            Resources = [.. Enumerable.Range(1, 3).Select(i => new ResourceConfig("crd_vm", $"vm{i}", Vm(b =>
            {
                b["name"] = $"vm{i}";
                b["security_groups"] = new[] { "default" };
            })))],
        };
        await StartCountingAsync(sim, "reims");
        await harness.ApplyAsync(config, Deadline);
        var create = (await CountsAsync(sim))["all"];

        await StartCountingAsync(sim, "reims", ("show", "GET", "compute", "/servers/*"));
        await harness.RefreshAsync(config, Deadline);
        var counts = await CountsAsync(sim);

        await StartCountingAsync(sim, "reims");
        await harness.DestroyAsync(config, Deadline);
        var destroy = (await CountsAsync(sim))["all"];
        await sim.ClearFaultsAsync();

        output.WriteLine($"requests for 3 VMs: create+plan {create}, refresh {counts["all"]}, destroy+plan {destroy}");
        Assert.Equal(3, counts["show"]);
        // Besides one GET per server: the token, and the flavor and security group lists (once per site).
        Assert.InRange(counts["all"], 3, 3 + 3);
        Assert.Empty(await ServersAsync(sim, tenant));
    }

    [Fact]
    public async Task TwoSites_OneConfiguration_EachVmOnItsSite()
    {
        var sim = await fixture.GetAsync();
        var toulouse = await sim.CreateTenantAsync("toulouse");
        var paris = await sim.CreateTenantAsync("paris");
        var harness = Harness();
        var config = new TerraformConfiguration
        {
            Provider = CrdSim.ProviderBlock(toulouse, paris),
            Resources =
            [
                new ResourceConfig("crd_vm", "a", Vm(b => b["name"] = "a")),
                new ResourceConfig("crd_vm", "b", Vm(b =>
                {
                    b["name"] = "b";
                    b["site"] = "paris";
                    b["flavor"] = "m1.tiny";
                })),
            ],
        };

        await harness.ApplyAsync(config, Deadline);

        Assert.Equal(("toulouse", toulouse.ProjectId), (Text(State(harness, "crd_vm.a"), "site"), Text(State(harness, "crd_vm.a"), "project")));
        Assert.Equal(("paris", paris.ProjectId), (Text(State(harness, "crd_vm.b"), "site"), Text(State(harness, "crd_vm.b"), "project")));
        Assert.Equal(Text(State(harness, "crd_vm.a"), "id"), Field(Assert.Single(await ServersAsync(sim, toulouse)), "Id"));
        Assert.Equal(Text(State(harness, "crd_vm.b"), "id"), Field(Assert.Single(await ServersAsync(sim, paris)), "Id"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Moving a VM to another site replaces it there.
        config = config.With("crd_vm.b", b =>
        {
            b["site"] = "toulouse";
            return b;
        });
        Assert.Equal(ChangeAction.Replace, (await harness.ApplyAsync(config, Deadline)).ActionOf("crd_vm.b"));
        Assert.Empty(await ServersAsync(sim, paris));
        Assert.Equal(2, (await ServersAsync(sim, toulouse)).Count);

        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(await ServersAsync(sim, toulouse));
    }
}
