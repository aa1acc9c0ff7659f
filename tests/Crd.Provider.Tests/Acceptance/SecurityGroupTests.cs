using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_security_group</c> through the harness against crd-sim: rules created, changed in
/// place without touching the rules that stay, default egress rules, import, a VM referencing
/// the group by id and by name, and destroy while ports still use the group.
/// </summary>
public sealed class SecurityGroupTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Group = "crd_security_group.web";

    private static Dictionary<string, object?> Rule(string direction, string? protocol = null, int? min = null, int? max = null, string? cidr = null, object? remoteGroup = null, string? ethertype = null)
    {
        var rule = new Dictionary<string, object?> { ["direction"] = direction };
        if (protocol is not null) rule["protocol"] = protocol;
        if (min is not null) rule["port_range_min"] = min;
        if (max is not null) rule["port_range_max"] = max;
        if (cidr is not null) rule["remote_ip_prefix"] = cidr;
        if (remoteGroup is not null) rule["remote_group_id"] = remoteGroup;
        if (ethertype is not null) rule["ethertype"] = ethertype;
        return rule;
    }

    private static ResourceConfig GroupBlock(string name, params Dictionary<string, object?>[] rules) => GroupBlock(name, null, rules);

    private static ResourceConfig GroupBlock(string name, Action<Dictionary<string, object?>>? change, params Dictionary<string, object?>[] rules)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["rule"] = rules.ToList() };
        change?.Invoke(body);
        return new ResourceConfig("crd_security_group", "web", body);
    }

    private static TerraformConfiguration ConfigOf(SimTenant tenant, params ResourceConfig[] resources) => new() { Provider = CrdSim.ProviderBlock(tenant), Resources = resources };

    private static async Task<List<JsonObject>> RulesAsync(CrdSim sim, SimTenant tenant, string groupId)
        => [.. (await sim.ListObjectsAsync("network.security_group_rules", tenant)).Where(r => Field(r, "SecurityGroupId") == groupId)];

    [Fact]
    public async Task SecurityGroupResource_Lifecycle_RulesChangeInPlaceKeepingTheRulesThatStay()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();

        // Create: ssh from one network, ICMP echo, and a port range between members of the group.
        var config = ConfigOf(tenant, GroupBlock("web",
            Rule("ingress", "tcp", 22, 22, "192.0.2.0/24"),
            Rule("ingress", "icmp", 8, 0, "0.0.0.0/0"),
            Rule("ingress", "tcp", 8000, 8100, remoteGroup: "self")));
        await harness.ApplyAsync(config, Deadline);
        var state = State(harness, Group);
        var id = Text(state, "id")!;
        Assert.Equal("toulouse", Text(state, "site"));
        Assert.Equal(tenant.ProjectId, Text(state, "project"));
        Assert.False(state["delete_default_rules"]!.GetValue<bool>());
        var rules = await RulesAsync(sim, tenant, id);
        Assert.Equal(5, rules.Count); // 3 configured + Neutron's default egress pair
        Assert.Equal(2, rules.Count(r => Field(r, "Direction") == "egress"));
        var self = Assert.Single(rules, r => Field(r, "PortRangeMin") == "8000");
        Assert.Equal(id, Field(self, "RemoteGroupId"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import by <site>/<id> gives the applied state.
        await harness.ImportVerifyAsync(config, Group, "toulouse/" + id, ["timeouts"], Deadline);

        // Rename, drop ICMP, widen nothing else, add https: one update; the ssh and self rules keep their ids.
        var sshRuleId = Field(Assert.Single(rules, r => Field(r, "PortRangeMin") == "22"), "Id");
        config = ConfigOf(tenant, GroupBlock("frontend", b => b["description"] = "web tier",
            Rule("ingress", "tcp", 22, 22, "192.0.2.0/24"),
            Rule("ingress", "tcp", 8000, 8100, remoteGroup: "self"),
            Rule("ingress", "tcp", 443, 443, "0.0.0.0/0")));
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Group));
        Assert.Equal(id, Text(State(harness, Group), "id"));
        rules = await RulesAsync(sim, tenant, id);
        Assert.Equal(5, rules.Count);
        Assert.Equal(sshRuleId, Field(Assert.Single(rules, r => Field(r, "PortRangeMin") == "22"), "Id"));
        Assert.Equal(self["Id"]!.ToString(), Field(Assert.Single(rules, r => Field(r, "PortRangeMin") == "8000"), "Id"));
        Assert.DoesNotContain(rules, r => Field(r, "Protocol") == "icmp");
        var group = Assert.Single(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == id);
        Assert.Equal("frontend", Field(group, "Name"));
        Assert.Equal("web tier", Field(group, "Description"));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Drift: a rule added behind Terraform's back shows in the plan and the apply removes it.
        using var session = Session(tenant);
        await session.SendAsync(CloudRequest.Post(CloudService.Network, "/security-group-rules", new JsonObject
        {
            ["security_group_rule"] = new JsonObject { ["security_group_id"] = id, ["direction"] = "ingress", ["protocol"] = "tcp", ["port_range_min"] = 3306, ["port_range_max"] = 3306 },
        }), Deadline);
        Assert.Equal(ChangeAction.Update, (await harness.ApplyAsync(config, Deadline)).ActionOf(Group));
        Assert.DoesNotContain(await RulesAsync(sim, tenant, id), r => Field(r, "PortRangeMin") == "3306");

        // Destroy: the group and its rules are gone.
        await harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == id);
        Assert.Empty(await RulesAsync(sim, tenant, id));
    }

    [Fact]
    public async Task DeleteDefaultRules_TrueThenFalse_RemovesThenRestoresTheDefaultEgress()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();

        var config = ConfigOf(tenant, GroupBlock("locked", b => b["delete_default_rules"] = true,
            Rule("egress", "tcp", 443, 443, "0.0.0.0/0"),
            Rule("egress", "udp", 53, 53, "0.0.0.0/0")));
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness, Group), "id")!;
        var rules = await RulesAsync(sim, tenant, id);
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.NotEqual("", Field(r, "Protocol")));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.ImportVerifyAsync(config, Group, "toulouse/" + id, ["timeouts"], Deadline);

        config = ConfigOf(tenant, GroupBlock("locked", Rule("egress", "tcp", 443, 443, "0.0.0.0/0")));
        Assert.Equal(ChangeAction.Update, (await harness.ApplyAsync(config, Deadline)).ActionOf(Group));
        rules = await RulesAsync(sim, tenant, id);
        Assert.Equal(3, rules.Count); // https + the restored IPv4 and IPv6 allow-all egress
        Assert.Equal(["IPv4", "IPv6"], rules.Where(r => r["Protocol"] is null).Select(r => Field(r, "Ethertype")).Order());
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.DestroyAsync(config, Deadline);
    }

    [Fact]
    public async Task Vm_ReferencesGroupByIdThenByName_NoPerpetualDiffAndDestroyOrdersItself()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var group = GroupBlock("web", Rule("ingress", "tcp", 22, 22, "192.0.2.0/24"));

        // By id, unknown at plan time (created in the same run).
        var config = ConfigOf(tenant, group, new ResourceConfig("crd_vm", "web", Vm(b => b["security_groups"] = new object[] { new Ref(Group, "id") })));
        await harness.ApplyAsync(config, Deadline);
        var groupId = Text(State(harness, Group), "id")!;
        Assert.Equal([groupId], Strings(State(harness), "security_groups"));
        var port = Assert.Single(await ServerPortsAsync(sim, tenant));
        Assert.Equal([groupId], port["SecurityGroupIds"]!.AsArray().Select(g => g!.ToString()));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // The group renamed: the VM referencing it by id sees no change.
        config = config.With(Group, b => { b["name"] = "web2"; return b; });
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Group));
        Assert.Equal(ChangeAction.NoOp, plan.ActionOf(Address));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // By name (the group's name attribute): the same group, so no change either.
        config = config.With(Address, b => { b["security_groups"] = new object[] { new Ref(Group, "name") }; return b; });
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.ApplyAsync(config, Deadline);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Destroy: the VM goes first, releasing its port, then the group.
        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(await ServersAsync(sim, tenant));
        Assert.DoesNotContain(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == groupId);
    }

    [Fact]
    public async Task Destroy_GroupStillUsedByAPort_WaitsThenFailsNamingThePort()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = ConfigOf(tenant, GroupBlock("busy", b => b["timeouts"] = new Dictionary<string, object?> { ["delete"] = "2s" }, Rule("ingress", "tcp", 22, 22, "192.0.2.0/24")));
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness, Group), "id")!;
        using var session = Session(tenant);
        var portId = await CreatePortAsync(session, id);

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.DestroyAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Security Group Still In Use", diagnostic.Summary);
        Assert.Contains(portId, diagnostic.Detail, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2), "the delete must wait for the ports within its timeout");
        Assert.Contains(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == id);
        Assert.NotNull(harness.State.Get(Group));

        // Once the port is gone, destroy succeeds.
        await session.SendAsync(CloudRequest.Delete(CloudService.Network, "/ports/" + portId), Deadline);
        await harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == id);
    }

    [Fact]
    public async Task Destroy_PortReleasedWhileWaiting_Succeeds()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var config = ConfigOf(tenant, GroupBlock("soon-free", Rule("ingress", "tcp", 22, 22, "192.0.2.0/24")));
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness, Group), "id")!;
        using var session = Session(tenant);
        var portId = await CreatePortAsync(session, id);

        var destroy = harness.DestroyAsync(config, Deadline);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(destroy.IsCompleted, "the delete must still be waiting for the port");
        await session.SendAsync(CloudRequest.Delete(CloudService.Network, "/ports/" + portId), Deadline);
        await destroy;

        Assert.DoesNotContain(await sim.ListObjectsAsync("network.security_groups", tenant), g => Field(g, "Id") == id);
    }

    [Theory]
    [InlineData("ingress", null, 22, 22, null, "Ports Need A Protocol")]
    [InlineData("ingress", "tcp", 22, null, null, "Incomplete Port Range")]
    [InlineData("ingress", "tcp", 2000, 1000, null, "Invalid Port Range")]
    [InlineData("ingress", "tcp", 22, 22, "192.0.2.7/24", "Non-Canonical CIDR")]
    [InlineData("ingress", "tcp", 22, 22, "192.0.2.7", "Invalid CIDR")]
    [InlineData("ingress", "tcp", 22, 22, "2001:db8::/32", "CIDR Does Not Match Ethertype")]
    [InlineData("egress", null, null, null, null, "Duplicate Of A Default Rule")]
    public async Task Validate_InvalidRule_ErrorNamesTheProblem(string direction, string? protocol, int? min, int? max, string? cidr, string summary)
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var config = ConfigOf(tenant, GroupBlock("bad", Rule(direction, protocol, min, max, cidr)));

        var diagnostics = await Harness().ValidateAsync(config, Deadline);

        var diagnostic = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(summary, diagnostic.Summary);
        Assert.StartsWith("rule", diagnostic.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NameDefault_IsRefused()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();

        var diagnostics = await Harness().ValidateAsync(ConfigOf(tenant, GroupBlock("default")), Deadline);

        Assert.Equal("Reserved Group Name", Assert.Single(diagnostics, d => d.IsError).Summary);
    }

    /// <summary>A port of the project network using the group, created as another tool would.</summary>
    private static async Task<string> CreatePortAsync(SiteSession session, string groupId)
    {
        var networks = await session.SendAsync(CloudRequest.Get(CloudService.Network, "/networks?name=private"), Deadline);
        var network = networks.Array("networks")[0]!["id"]!.GetValue<string>();
        var port = await session.SendAsync(CloudRequest.Post(CloudService.Network, "/ports", new JsonObject
        {
            ["port"] = new JsonObject { ["network_id"] = network, ["security_groups"] = new JsonArray(groupId) },
        }), Deadline);
        return port.Object("port")["id"]!.GetValue<string>();
    }
}
