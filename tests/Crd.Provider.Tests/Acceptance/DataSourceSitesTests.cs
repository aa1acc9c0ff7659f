using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using static Crd.Provider.Tests.Acceptance.DataSourceReader;

namespace Crd.Provider.Tests.Acceptance;

/// <summary><c>crd_sites</c> against crd-sim: services per site (DESIGN.md §7.1), quota limits and usage, unreachable sites.</summary>
public sealed class DataSourceSitesTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task Sites_TwoTenants_ServicesAndQuotaOfEach()
    {
        var sim = await fixture.GetAsync();
        var toulouse = await sim.CreateTenantAsync("toulouse", new JsonObject { ["cores"] = 8, ["ramGb"] = 32 });
        var reims = await sim.CreateTenantAsync("reims");

        var state = await ReadAsync(CrdSim.ProviderBlock(toulouse, reims), "crd_sites", []);

        Assert.Equal("toulouse", state.Str("default_site"));
        var sites = state.List("sites");
        Assert.Equal(["toulouse", "reims"], sites.Select(s => s.Str("name")));
        var t = sites[0];
        Assert.True(t.GetAttribute("reachable").AsBool());
        Assert.True(t.GetAttribute("is_default").AsBool());
        Assert.True(t.GetAttribute("error").IsNull);
        Assert.Equal(toulouse.ProjectId, t.Str("project_id"));
        Assert.Equal(toulouse.ProjectName, t.Str("project_name"));
        Assert.Equal(toulouse.AuthUrl, t.Str("auth_url"));
        Assert.Equal(["compute", "identity", "image", "k8s", "network", "volume"], t.List("services").Select(s => s.AsString()));
        Assert.Equal(["compute", "identity", "image", "network", "volume"], sites[1].List("services").Select(s => s.AsString()));
        Assert.False(sites[1].GetAttribute("is_default").AsBool());

        var cores = t.GetAttribute("quota").GetAttribute("cores");
        Assert.Equal(8, cores.Int("limit"));
        Assert.Equal(0, cores.Int("in_use"));
        Assert.Equal(8, cores.Int("available"));
        Assert.Equal(32, t.GetAttribute("quota").GetAttribute("ram_gb").Int("limit"));
        var reimsQuota = sites[1].GetAttribute("quota");
        Assert.Equal(16, reimsQuota.GetAttribute("cores").Int("limit"));
        Assert.Equal(64, reimsQuota.GetAttribute("ram_gb").Int("limit"));
        Assert.Equal(10, reimsQuota.GetAttribute("instances").Int("limit"));
        Assert.Equal(4, reimsQuota.GetAttribute("floating_ips").Int("limit"));
        Assert.Equal(10, reimsQuota.GetAttribute("volumes").Int("limit"));
        Assert.Equal(1000, reimsQuota.GetAttribute("storage_gb").Int("limit"));
    }

    [Fact]
    public async Task Sites_UsageOfExistingVolume_CountedInUse()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("paris");
        await CreateVolumeBehindProviderAsync(tenant, 30);

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_sites", []);

        var quota = Assert.Single(state.List("sites")).GetAttribute("quota");
        Assert.Equal(1, quota.GetAttribute("volumes").Int("in_use"));
        Assert.Equal(30, quota.GetAttribute("storage_gb").Int("in_use"));
        Assert.Equal(970, quota.GetAttribute("storage_gb").Int("available"));
    }

    [Fact]
    public async Task Sites_UnreachableSite_ReportedNotFailed()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(WithUnreachableParis(tenant), "crd_sites", []);

        var sites = state.List("sites");
        Assert.True(sites[0].GetAttribute("reachable").AsBool());
        var paris = sites[1];
        Assert.Equal("paris", paris.Str("name"));
        Assert.False(paris.GetAttribute("reachable").AsBool());
        Assert.Contains("paris", paris.Str("error"), StringComparison.Ordinal);
        Assert.True(paris.GetAttribute("quota").IsNull);
        Assert.True(paris.GetAttribute("services").IsNull);
    }

    [Fact]
    public async Task Sites_UnreachableSiteNamed_ErrorAtNames()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(WithUnreachableParis(tenant), "crd_sites", new() { ["names"] = new[] { "paris" } });

        var error = Assert.Single(errors);
        Assert.Equal("names", error.Path);
        Assert.Equal("Site Unreachable", error.Summary);
        Assert.Contains("\"paris\"", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_NamesFilter_OnlyNamedSites()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(WithUnreachableParis(tenant), "crd_sites", new() { ["names"] = new[] { "toulouse" } });

        Assert.Equal(["toulouse"], state.List("sites").Select(s => s.Str("name")));
    }

    [Fact]
    public async Task Sites_UnknownName_ErrorAtNamesListingConfigured()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_sites", new() { ["names"] = new[] { "lyon" } });

        var error = Assert.Single(errors);
        Assert.Equal("names", error.Path);
        Assert.Equal("Unknown Site", error.Summary);
        Assert.Contains("\"toulouse\"", error.Detail, StringComparison.Ordinal);
    }

    /// <summary>The tenant's site plus "paris" whose Keystone listens nowhere; one retry, so the read fails fast.</summary>
    private static Dictionary<string, object?> WithUnreachableParis(SimTenant tenant)
    {
        var unreachable = new Dictionary<string, object?>
        {
            ["name"] = "paris",
            ["auth_url"] = "http://127.0.0.1:9/v3",
            ["application_credential_id"] = "nobody",
            ["application_credential_secret"] = "nothing",
        };
        return new Dictionary<string, object?>
        {
            ["default_site"] = tenant.Site,
            ["max_retries"] = 1,
            ["site"] = new[] { tenant.ToSiteBlock(), unreachable },
        };
    }

    /// <summary>A volume made directly through Cinder with the tenant's credential (as another tool would).</summary>
    private static async Task CreateVolumeBehindProviderAsync(SimTenant tenant, int sizeGb)
    {
        using var session = new Crd.Cloud.SiteSession(new Crd.Cloud.SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret, null, false));
        await session.SendAsync(new Crd.Cloud.CloudRequest(Crd.Cloud.CloudService.Volume, HttpMethod.Post, "/volumes")
        {
            Body = new JsonObject { ["volume"] = new JsonObject { ["size"] = sizeGb, ["name"] = "outside-terraform" } },
        }, Deadline);
    }
}
