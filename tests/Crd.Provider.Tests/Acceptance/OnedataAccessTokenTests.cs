using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.OnedataTestKit;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_onedata_access_token</c>: the ephemeral resource (OpenEphemeralResource over the real
/// protocol) issues a temporary token limited to one space with the asked caveats; the data
/// source (older Terraform) gives a named token that stays the same from read to read.
/// </summary>
public sealed class OnedataAccessTokenTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Type = "crd_onedata_access_token";

    [Fact]
    public async Task Ephemeral_ReadOnlyOneclientEightHours_TemporaryTokenScopedToTheSpace()
    {
        var sim = await fixture.GetAsync();
        var (harness, provider, config, id) = await SpaceAsync(sim);

        await using (var session = await ProviderSession.StartAsync(harness.Options, provider, configure: true, Deadline))
        {
            var block = session.Schemas.EphemeralResources[Type].Block;
            Assert.True(block.FindAttribute("token")!.Sensitive);
            var request = ConfigDecoder.DecodeBody(block, new Dictionary<string, object?>
            {
                ["space_id"] = id,
                ["read_only"] = true,
                ["interface"] = "oneclient",
                ["ttl"] = "8h",
            }, _ => throw new InvalidOperationException(), "ephemeral.crd_onedata_access_token.mount");
            var opened = await session.Client.OpenAndCloseEphemeralAsync(Type, request, Deadline);
            Assert.DoesNotContain(opened.Diagnostics, d => d.IsError);

            var token = opened.State.GetAttribute("token").AsString();
            Assert.Equal(["toulouse.onedata.crd-sim.invalid"], opened.State.GetAttribute("provider_hosts").Elements.Select(e => e.AsString()));
            var stored = (await sim.ListObjectsAsync("onedata.tokens")).Single(t => t["Serialized"]!.GetValue<string>() == token);
            Assert.True(stored["Temporary"]!.GetValue<bool>());
            var caveats = JsonNode.Parse(stored["CaveatsJson"]!.GetValue<string>())!.AsArray().OfType<JsonObject>().ToList();
            var path = Assert.Single(caveats, c => c["type"]!.GetValue<string>() == "data.path");
            Assert.Equal(["/" + id], path["whitelist"]!.AsArray().Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w!.GetValue<string>()))));
            Assert.Single(caveats, c => c["type"]!.GetValue<string>() == "data.readonly");
            Assert.Equal("oneclient", Assert.Single(caveats, c => c["type"]!.GetValue<string>() == "interface")["interface"]!.GetValue<string>());
            var until = Assert.Single(caveats, c => c["type"]!.GetValue<string>() == "time")["validUntil"]!.GetValue<long>();
            var created = DateTimeOffset.Parse(stored["CreatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();
            Assert.InRange(until - created, 8 * 3600 - 10, 8 * 3600 + 10);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(until).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), opened.State.GetAttribute("expires_at").AsString());

            // Unknown space: an error at space_id, no token.
            var missing = await session.Client.OpenAndCloseEphemeralAsync(Type, ConfigDecoder.DecodeBody(block, new Dictionary<string, object?> { ["space_id"] = "nope" }, _ => throw new InvalidOperationException(), "x"), Deadline);
            var error = Assert.Single(missing.Diagnostics, d => d.IsError);
            Assert.Equal(("Space Not Found", "space_id"), (error.Summary, error.Path));
        }

        await harness.DestroyAsync(config, Deadline);
    }

    [Fact]
    public async Task DataSource_SameConfiguration_SameNamedTokenFromReadToRead()
    {
        var sim = await fixture.GetAsync();
        var (harness, provider, config, id) = await SpaceAsync(sim);

        var first = await DataSourceReader.ReadAsync(provider, Type, new Dictionary<string, object?> { ["space_id"] = id }.WithTtl("336h"));
        var second = await DataSourceReader.ReadAsync(provider, Type, new Dictionary<string, object?> { ["space_id"] = id }.WithTtl("336h"));
        var readOnly = await DataSourceReader.ReadAsync(provider, Type, new Dictionary<string, object?> { ["space_id"] = id, ["read_only"] = true });

        Assert.Equal(first.GetAttribute("token").AsString(), second.GetAttribute("token").AsString());
        Assert.NotEqual(first.GetAttribute("token").AsString(), readOnly.GetAttribute("token").AsString());
        Assert.True(readOnly.GetAttribute("expires_at").IsNull);
        var named = (await sim.ListObjectsAsync("onedata.tokens")).Single(t => t["Serialized"]!.GetValue<string>() == first.GetAttribute("token").AsString());
        Assert.False(named["Temporary"]!.GetValue<bool>());
        Assert.Contains("data.path", named["CaveatsJson"]!.GetValue<string>(), StringComparison.Ordinal);

        // Expired: the next read replaces it (and deletes the old one).
        await sim.AdvanceClockAsync(337 * 3600);
        var renewed = await DataSourceReader.ReadAsync(provider, Type, new Dictionary<string, object?> { ["space_id"] = id }.WithTtl("336h"));
        Assert.NotEqual(first.GetAttribute("token").AsString(), renewed.GetAttribute("token").AsString());
        Assert.DoesNotContain(await sim.ListObjectsAsync("onedata.tokens"), t => t["Serialized"]!.GetValue<string>() == first.GetAttribute("token").AsString());

        await harness.DestroyAsync(config, Deadline);
    }

    private static async Task<(TerraformHarness Harness, Dictionary<string, object?> Provider, TerraformConfiguration Config, string Id)> SpaceAsync(CrdSim sim)
    {
        var provider = ZoneProvider(sim, [await sim.CreateTenantAsync("toulouse")], "toulouse");
        var harness = Harness();
        var config = Config(provider, Space("tokens-" + Guid.NewGuid().ToString("N")[..6], false, SupportBlock("toulouse", 2)));
        await harness.ApplyAsync(config, Deadline);
        return (harness, provider, config, Text(State(harness, SpaceAddress), "id")!);
    }
}

internal static class AccessTokenConfig
{
    public static Dictionary<string, object?> WithTtl(this Dictionary<string, object?> body, string ttl)
    {
        body["ttl"] = ttl;
        return body;
    }
}
