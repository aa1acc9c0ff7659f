using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.OnedataTestKit;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// Sites without Onepanel credentials: a single-use support token per site (scoped to the space,
/// with a time caveat) is exposed, sensitive, and the plan says support is pending; once the
/// site's administrators use it, the support shows as granted; an expired token is replaced.
/// </summary>
public sealed class OnedataSupportTokenTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task SiteWithoutOnepanel_TokenIssuedPendingThenGrantedByAdmins_ExpiredTokenRenewed()
    {
        var sim = await fixture.GetAsync();
        // toulouse with Onepanel credentials, paris without; brest is not in the provider block at all.
        var provider = ZoneProvider(sim, [await sim.CreateTenantAsync("toulouse"), await sim.CreateTenantAsync("paris")], "toulouse");
        var harness = Harness();
        var config = Config(provider, Space("shared-data", false, SupportBlock("toulouse", 5), SupportBlock("paris", 7), SupportBlock("brest", 3)));
        config = config.With(SpaceAddress, b =>
        {
            b["support_token_ttl"] = "1h";
            return b;
        });

        // The plan says support is pending for the two sites, at their blocks.
        await harness.PlanAsync(config, Deadline);
        var pending = harness.LastWarnings.Where(w => w.Summary == "Support Pending").OrderBy(w => w.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["support[1]", "support[2]"], pending.Select(w => w.Path));
        Assert.Contains("\"paris\"", pending[0].Detail, StringComparison.Ordinal);

        await harness.ApplyAsync(config, Deadline);
        var state = State(harness, SpaceAddress);
        var id = Text(state, "id")!;
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 5 * Gib }, await SupportsAsync(sim, id));
        var paris = Element(state, "paris");
        Assert.Equal("pending", paris["status"]!.GetValue<string>());
        Assert.Null(paris["provider_id"]);
        Assert.Null(paris["storage_id"]);
        var parisToken = paris["support_token"]!.GetValue<string>();
        var brestToken = Element(state, "brest")["support_token"]!.GetValue<string>();
        Assert.NotEqual(parisToken, brestToken);

        // Each token: a supportSpace invitation for this space only, single use, with a time caveat of the TTL.
        var tokens = await TokensAsync(sim, id);
        Assert.Equal(2, tokens.Count);
        foreach (var token in tokens)
        {
            Assert.Equal("supportSpace", token["InviteType"]!.GetValue<string>());
            Assert.Equal(1, token["UsageLimit"]!.GetValue<int>());
            var lifetime = token["ValidUntil"]!.GetValue<long>() - DateTimeOffset.Parse(token["CreatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
            Assert.InRange(lifetime, 3590, 3610);
        }

        // The token is marked sensitive in the schema, so Terraform never prints it.
        await using (var session = await ProviderSession.StartAsync(harness.Options, provider, configure: false, Deadline))
        {
            var block = session.Schemas.Resources["crd_onedata_space"].Block.FindBlock("support")!.Block;
            Assert.True(block.FindAttribute("support_token")!.Sensitive);
        }

        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // paris's administrators use their token: after a refresh the support is granted, the token gone.
        Assert.Equal(201, (int)(await GrantAsAdminAsync(sim, "paris", parisToken, 7)).StatusCode);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);
        await harness.RefreshAsync(config, Deadline);
        paris = Element(State(harness, SpaceAddress), "paris");
        Assert.Equal("supported", paris["status"]!.GetValue<string>());
        Assert.NotNull(paris["provider_id"]?.GetValue<string>());
        Assert.Null(paris["support_token"]);
        Assert.Equal(7 * Gib, State(harness, SpaceAddress)["providers"]![paris["provider_id"]!.GetValue<string>()]!.GetValue<long>());

        // brest's token expires unused: the next plan replaces it, and the spent and expired ones are deleted.
        await sim.AdvanceClockAsync(2 * 3600);
        var plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(SpaceAddress));
        var renewed = Element(State(harness, SpaceAddress), "brest")["support_token"]!.GetValue<string>();
        Assert.NotEqual(brestToken, renewed);
        Assert.Equal([renewed], (await TokensAsync(sim, id)).Select(t => t["Serialized"]!.GetValue<string>()));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Removing paris ceases its support through Onezone (no Onepanel needed).
        config = config.With(SpaceAddress, b =>
        {
            b["support"] = new[] { SupportBlock("toulouse", 5), SupportBlock("brest", 3) };
            return b;
        });
        await harness.ApplyAsync(config, Deadline);
        Assert.Equal(new Dictionary<string, long> { ["toulouse"] = 5 * Gib }, await SupportsAsync(sim, id));

        await harness.DestroyAsync(config, Deadline);
        Assert.Null(await SpaceAsync(sim, id));
        Assert.Empty(await SupportsAsync(sim, id));
        Assert.Empty(await TokensAsync(sim, id));
    }
}
