using Crd.Simulator.Testing;
using static Crd.Provider.Tests.Acceptance.DataSourceReader;

namespace Crd.Provider.Tests.Acceptance;

/// <summary><c>crd_flavors</c> against crd-sim's seed (DESIGN.md §7.1): sizes, order, filters, errors.</summary>
public sealed class DataSourceFlavorsTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task Flavors_NoFilter_SeedFlavorsSmallestFirst()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", []);

        var flavors = state.List("flavors");
        Assert.Equal(["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge", "g1.large"], flavors.Select(f => f.Str("name")));
        var large = flavors[3];
        Assert.Equal(4, large.Int("vcpus"));
        Assert.Equal(8, large.Int("ram_gb"));
        Assert.Equal(80, large.Int("disk_gb"));
        Assert.Equal("m1.tiny", state.Str("name"));
        Assert.Equal(flavors[0].Str("id"), state.Str("id"));
        Assert.Equal("toulouse", state.Str("site"));
    }

    [Fact]
    public async Task Flavors_MinVcpusAndRam_SmallestMatchingPicked()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", new() { ["min_vcpus"] = 2, ["min_ram_gb"] = 8 });

        Assert.Equal(["m1.large", "m1.xlarge", "g1.large"], state.List("flavors").Select(f => f.Str("name")));
        Assert.Equal("m1.large", state.Str("name"));
    }

    [Fact]
    public async Task Flavors_NameRegexOnNamedSite_OnlyThatSitesMatches()
    {
        var sim = await fixture.GetAsync();
        var toulouse = await sim.CreateTenantAsync("toulouse");
        var montpellier = await sim.CreateTenantAsync("montpellier");

        var state = await ReadAsync(CrdSim.ProviderBlock(toulouse, montpellier), "crd_flavors", new() { ["site"] = "montpellier", ["name_regex"] = "large$" });

        Assert.Equal(["m1.large", "m1.xlarge"], state.List("flavors").Select(f => f.Str("name")));
        Assert.Equal("montpellier", state.Str("site"));
    }

    [Fact]
    public async Task Flavors_NoMatch_ErrorListsAvailableFlavors()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("reims");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", new() { ["min_vcpus"] = 64 });

        var error = Assert.Single(errors);
        Assert.Equal("No Matching Flavor", error.Summary);
        Assert.Contains("site \"reims\"", error.Detail, StringComparison.Ordinal);
        Assert.Contains("vCPUs >= 64", error.Detail, StringComparison.Ordinal);
        Assert.Contains("m1.xlarge (8 vCPU, 16 GB RAM, 160 GB disk)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flavors_ExactNameUnknown_ErrorAtName()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("reims");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", new() { ["name"] = "g1.large" });

        var error = Assert.Single(errors);
        Assert.Equal("name", error.Path);
        Assert.Contains("m1.tiny", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flavors_InvalidRegex_ErrorAtNameRegex()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", new() { ["name_regex"] = "m1.(" });

        var error = Assert.Single(errors);
        Assert.Equal("name_regex", error.Path);
        Assert.Equal("Invalid Regular Expression", error.Summary);
    }

    [Fact]
    public async Task Flavors_UnknownSite_ErrorAtSiteListingConfigured()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_flavors", new() { ["site"] = "lyon" });

        var error = Assert.Single(errors);
        Assert.Equal("site", error.Path);
        Assert.Equal("Unknown Site", error.Summary);
        Assert.Contains("\"toulouse\"", error.Detail, StringComparison.Ordinal);
    }
}
