using Crd.Simulator.Testing;
using static Crd.Provider.Tests.Acceptance.DataSourceReader;

namespace Crd.Provider.Tests.Acceptance;

/// <summary><c>crd_images</c> against crd-sim's seed (DESIGN.md §7.1): name, regex, properties, most recent, errors.</summary>
public sealed class DataSourceImagesTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task Images_ExactName_OneImagePicked()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["name"] = "ubuntu-24.04" });

        var image = Assert.Single(state.List("images"));
        Assert.Equal("ubuntu-24.04", image.Str("name"));
        Assert.Equal(image.Str("id"), state.Str("id"));
        Assert.Equal("ubuntu", image.GetAttribute("properties").MapEntries["os_distro"].AsString());
        Assert.Equal("public", image.Str("visibility"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", image.Str("created_at"));
        Assert.Equal("toulouse", state.Str("site"));
    }

    [Fact]
    public async Task Images_Properties_AllMustMatch()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_images", new()
        {
            ["properties"] = new Dictionary<string, object?> { ["os_distro"] = "ubuntu", ["kube_version"] = "v1.30.2" },
        });

        var image = Assert.Single(state.List("images"));
        Assert.Equal("ubuntu-22.04-kube-v1.30", image.Str("name"));
        Assert.Equal(20, image.Int("min_disk_gb"));
        Assert.Equal(image.Str("id"), state.Str("id"));
    }

    [Fact]
    public async Task Images_SeveralMatchWithoutMostRecent_ListedNoPick()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["properties"] = new Dictionary<string, object?> { ["os_distro"] = "ubuntu" } });

        Assert.Equal(["ubuntu-22.04-kube-v1.30", "ubuntu-24.04"], state.List("images").Select(i => i.Str("name")).Order(StringComparer.Ordinal));
        Assert.True(state.GetAttribute("id").IsNull);
        Assert.True(state.GetAttribute("name").IsNull);
    }

    [Fact]
    public async Task Images_SeveralMatchWithMostRecent_NewestPicked()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["name_regex"] = "^(debian|rocky)-", ["most_recent"] = true });

        var images = state.List("images");
        Assert.Equal(["debian-12", "rocky-9"], images.Select(i => i.Str("name")).Order(StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(images[0].Str("created_at"), images[1].Str("created_at")) >= 0);
        Assert.Equal(images[0].Str("id"), state.Str("id"));
        Assert.Equal(images[0].Str("name"), state.Str("name"));
    }

    [Fact]
    public async Task Images_KubeImageOnSiteWithoutK8s_ErrorAtNameListsImages()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("reims");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["name"] = "ubuntu-22.04-kube-v1.30" });

        var error = Assert.Single(errors);
        Assert.Equal("name", error.Path);
        Assert.Equal("No Matching Image", error.Summary);
        Assert.Contains("site \"reims\"", error.Detail, StringComparison.Ordinal);
        Assert.Contains("\"debian-12\", \"rocky-9\", \"ubuntu-24.04\"", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_PropertiesNoMatch_ErrorAtProperties()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["properties"] = new Dictionary<string, object?> { ["os_distro"] = "windows" } });

        var error = Assert.Single(errors);
        Assert.Equal("properties", error.Path);
        Assert.Contains("os_distro = \"windows\"", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_NameAndRegex_ConflictAtValidate()
    {
        var tenant = await (await fixture.GetAsync()).CreateTenantAsync("toulouse");

        var errors = await ErrorsAsync(CrdSim.ProviderBlock(tenant), "crd_images", new() { ["name"] = "debian-12", ["name_regex"] = "debian" });

        Assert.Contains(errors, e => e.Path == "name" && e.Summary == "Conflicting Attributes");
    }
}
