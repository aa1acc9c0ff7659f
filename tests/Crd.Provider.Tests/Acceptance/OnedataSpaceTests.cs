using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.OnedataTestKit;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_onedata_space</c> through the harness (the provider binary over the real protocol)
/// against crd-sim's Onezone and per-site Onepanels: create, rename, support on two sites,
/// resize, revoke, import, deletion protection, destroy leaving Onezone and Onepanels clean.
/// </summary>
public sealed class OnedataSpaceTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task OnedataSpace_Lifecycle_SupportsTwoSitesResizesRevokesImportsAndDestroysClean()
    {
        var sim = await fixture.GetAsync();
        var provider = ZoneProvider(sim, [await sim.CreateTenantAsync("toulouse"), await sim.CreateTenantAsync("strasbourg")], "toulouse", "strasbourg");
        var harness = Harness();

        // Create, supported by toulouse: the storage defaults to the site's only one.
        var config = Config(provider, Space("climate-data", protect: true, SupportBlock("toulouse", 10)));
        await harness.ApplyAsync(config, Deadline);
        var state = State(harness, SpaceAddress);
        var id = Text(state, "id")!;
        Assert.Equal("climate-data", (await SpaceAsync(sim, id))!["Name"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 10 * Gib }, await SupportsAsync(sim, id));
        var toulouse = Element(state, "toulouse");
        Assert.Equal("supported", toulouse["status"]!.GetValue<string>());
        Assert.NotNull(toulouse["storage_id"]?.GetValue<string>());
        Assert.Null(toulouse["support_token"]);
        var providerId = toulouse["provider_id"]!.GetValue<string>();
        Assert.Equal(10 * Gib, state["providers"]![providerId]!.GetValue<long>());
        Assert.Empty(await TokensAsync(sim, id)); // the grant's single-use token is deleted once spent
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Rename and add strasbourg, in place.
        config = Config(provider, Space("climate", protect: true, SupportBlock("toulouse", 10), SupportBlock("strasbourg", 20)));
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(SpaceAddress));
        Assert.Equal(id, Text(State(harness, SpaceAddress), "id"));
        Assert.Equal("climate", (await SpaceAsync(sim, id))!["Name"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 10 * Gib, ["strasbourg"] = 20 * Gib }, await SupportsAsync(sim, id));
        Assert.Equal(2, State(harness, SpaceAddress)["providers"]!.AsObject().Count);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Resize toulouse.
        config = Config(provider, Space("climate", protect: true, SupportBlock("toulouse", 15), SupportBlock("strasbourg", 20)));
        Assert.Equal(ChangeAction.Update, (await harness.ApplyAsync(config, Deadline)).ActionOf(SpaceAddress));
        Assert.Equal(15 * Gib, (await SupportsAsync(sim, id))["toulouse"]);
        Assert.Equal(15 * Gib, State(harness, SpaceAddress)["providers"]![providerId]!.GetValue<long>());
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import by space id gives exactly the applied state, support blocks included.
        await harness.ImportVerifyAsync(config, SpaceAddress, id, [], Deadline);

        // Revoke strasbourg.
        config = Config(provider, Space("climate", protect: true, SupportBlock("toulouse", 15)));
        Assert.Equal(ChangeAction.Update, (await harness.ApplyAsync(config, Deadline)).ActionOf(SpaceAddress));
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 15 * Gib }, await SupportsAsync(sim, id));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Deletion protection: destroy fails at plan time and nothing is touched.
        var refused = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.DestroyAsync(config, Deadline));
        var diagnostic = Assert.Single(refused.Diagnostics, d => d.IsError);
        Assert.Equal("Space Is Protected", diagnostic.Summary);
        Assert.Equal("deletion_protection", diagnostic.Path);
        Assert.NotNull(await SpaceAsync(sim, id));

        // Unprotect, then destroy: no space, no support at any Onepanel, no token left in Onezone.
        config = Config(provider, Space("climate", protect: false, SupportBlock("toulouse", 15)));
        await harness.ApplyAsync(config, Deadline);
        await harness.DestroyAsync(config, Deadline);
        Assert.Empty(harness.State.Instances);
        Assert.Null(await SpaceAsync(sim, id));
        Assert.Empty(await SupportsAsync(sim, id));
        Assert.Empty(await TokensAsync(sim, id));
    }

    [Fact]
    public async Task OnedataSpace_SizeBeyondStorage_ErrorNamesSiteAndStorageAndKeepsSpace()
    {
        var sim = await fixture.GetAsync();
        var provider = ZoneProvider(sim, [await sim.CreateTenantAsync("paris")], "paris");
        var harness = Harness();

        var config = Config(provider, Space("too-big", protect: false, SupportBlock("paris", 20_000)));
        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.ApplyAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("support[0]", diagnostic.Path);
        Assert.Contains("\"paris\"", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("\"posix\"", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("20000 GiB", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("At most", diagnostic.Detail, StringComparison.Ordinal);

        // The space exists and is recorded (tainted) without the support that failed.
        var instance = harness.State.Get(SpaceAddress)!;
        Assert.True(instance.Tainted);
        var id = Text(State(harness, SpaceAddress), "id")!;
        Assert.NotNull(await SpaceAsync(sim, id));
        Assert.Empty(await SupportsAsync(sim, id));
        Assert.Empty(await TokensAsync(sim, id));

        await harness.DestroyAsync(config, Deadline);
        Assert.Null(await SpaceAsync(sim, id));
    }

    [Fact]
    public async Task OnedataSpace_PlanChecks_DuplicateSiteUnknownStorageAndMissingOnezoneAreErrors()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse");
        var provider = ZoneProvider(sim, [tenant], "toulouse");
        var harness = Harness();

        var duplicate = await Assert.ThrowsAsync<TerraformCommandException>(() =>
            harness.PlanAsync(Config(provider, Space("dup", false, SupportBlock("toulouse", 1), SupportBlock("toulouse", 2))), Deadline));
        Assert.Equal("support[1].site", Assert.Single(duplicate.Diagnostics, d => d.IsError).Path);

        var storage = await Assert.ThrowsAsync<TerraformCommandException>(() =>
            harness.PlanAsync(Config(provider, Space("nostore", false, SupportBlock("toulouse", 1, "nope"))), Deadline));
        var unknown = Assert.Single(storage.Diagnostics, d => d.IsError);
        Assert.Equal(("Unknown Storage", "support[0].storage_id"), (unknown.Summary, unknown.Path));
        Assert.Contains("(posix)", unknown.Detail, StringComparison.Ordinal);

        var noZone = CrdSim.ProviderBlock(tenant);
        var missing = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.PlanAsync(Config(noZone, Space("nozone")), Deadline));
        Assert.Equal("Missing Onezone Configuration", Assert.Single(missing.Diagnostics, d => d.IsError).Summary);
    }
}
