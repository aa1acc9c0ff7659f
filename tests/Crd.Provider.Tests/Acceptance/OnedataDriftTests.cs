using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.OnedataTestKit;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>Changes made behind Terraform's back (in Onezone or at a site's Onepanel) show in the next plan and apply puts them back.</summary>
public sealed class OnedataDriftTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task Drift_RenamedRevokedResizedOrDeletedElsewhere_PlannedAndRepaired()
    {
        var sim = await fixture.GetAsync();
        var provider = ZoneProvider(sim, [await sim.CreateTenantAsync("toulouse"), await sim.CreateTenantAsync("strasbourg")], "toulouse", "strasbourg");
        var credentials = Credentials(sim);
        var harness = Harness();
        var config = Config(provider, Space("drift", false, SupportBlock("toulouse", 4), SupportBlock("strasbourg", 6)));
        await harness.ApplyAsync(config, Deadline);
        var id = Text(State(harness, SpaceAddress), "id")!;
        var zone = credentials.OnezoneUrl + "/api/v3/onezone";
        var (strasbourgUrl, strasbourgToken) = credentials.Onepanels["strasbourg"];
        var (toulouseUrl, toulouseToken) = credentials.Onepanels["toulouse"];

        // Renamed in Onezone: the plan renames it back.
        Assert.Equal(204, (int)(await SendAsync(sim, HttpMethod.Patch, zone + "/spaces/" + id, credentials.OnezoneToken, new JsonObject { ["name"] = "renamed-by-hand" })).StatusCode);
        var plan = await harness.PlanAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(SpaceAddress));
        await harness.ApplyAsync(config, Deadline);
        Assert.Equal("drift", (await SpaceAsync(sim, id))!["Name"]!.GetValue<string>());
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Support revoked at strasbourg's Onepanel, and toulouse resized there: the refresh sees both, apply restores both.
        Assert.Equal(204, (int)(await SendAsync(sim, HttpMethod.Delete, strasbourgUrl + "/api/v3/onepanel/provider/spaces/" + id, strasbourgToken, null)).StatusCode);
        Assert.Equal(204, (int)(await SendAsync(sim, HttpMethod.Patch, toulouseUrl + "/api/v3/onepanel/provider/spaces/" + id, toulouseToken, new JsonObject { ["size"] = 9 * Gib })).StatusCode);
        await harness.RefreshAsync(config, Deadline);
        var refreshed = State(harness, SpaceAddress);
        Assert.Equal(["toulouse"], refreshed["support"]!.AsArray().Select(s => s!["site"]!.GetValue<string>()));
        Assert.Equal(9, Element(refreshed, "toulouse")["size_gb"]!.GetValue<long>());
        plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(SpaceAddress));
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 4 * Gib, ["strasbourg"] = 6 * Gib }, await SupportsAsync(sim, id));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Deleted in Onezone: the plan creates it again.
        Assert.Equal(204, (int)(await SendAsync(sim, HttpMethod.Delete, zone + "/spaces/" + id, credentials.OnezoneToken, null)).StatusCode);
        Assert.Equal(ChangeAction.Create, (await harness.PlanAsync(config, Deadline)).ActionOf(SpaceAddress));
        await harness.RefreshAsync(config, Deadline);
        Assert.Empty(harness.State.Instances);
    }
}
