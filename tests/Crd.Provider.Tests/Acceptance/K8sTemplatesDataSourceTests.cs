using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.K8sScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>crd_k8s_templates against crd-sim: newest version first, version lines, clear errors.</summary>
public sealed class K8sTemplatesDataSourceTests(K8sCrdSim fixture) : IClassFixture<K8sCrdSim>
{
    [Fact]
    public async Task Read_SeveralVersions_NewestFirstAndFilteredByVersionLine()
    {
        await using var s = await StartAsync(fixture);
        var newer = await K8sTemplates.CreateTemplateAsync(s, "k8s-v1.31", "v1.31.1");
        await K8sTemplates.CreateTemplateAsync(s, "k8s-v1.3", "v1.3.0");

        var all = await ReadAsync(s, []);
        var line = await ReadAsync(s, new() { ["kube_version"] = "1.30" });

        Assert.Equal(newer, all.GetAttribute("id").AsString());
        Assert.Equal("k8s-v1.31", all.GetAttribute("name").AsString());
        Assert.Equal("v1.31.1", all.GetAttribute("latest_kube_version").AsString());
        Assert.Equal(["k8s-v1.31", "k8s-v1.30", "k8s-v1.3"], all.GetAttribute("templates").Elements.Select(t => t.GetAttribute("name").AsString()));
        Assert.Equal("k8s-v1.30", line.GetAttribute("name").AsString());
        Assert.Single(line.GetAttribute("templates").Elements);
    }

    [Fact]
    public async Task Read_NoTemplateOfThatVersion_ErrorListsTheTemplates()
    {
        await using var s = await StartAsync(fixture);

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => ReadAsync(s, new() { ["kube_version"] = "1.99" }));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("No Matching Cluster Template", diagnostic.Summary);
        Assert.Equal("kube_version", diagnostic.Path);
        Assert.Contains("k8s-v1.30 (v1.30.2)", diagnostic.Detail, StringComparison.Ordinal);
    }

    private static async Task<Crd.Terraform.Plugin.Cty.CtyValue> ReadAsync(K8sScenario s, Dictionary<string, object?> body)
    {
        var config = new TerraformConfiguration { Provider = Crd.Simulator.Testing.CrdSim.ProviderBlock(s.Tenant), Resources = [new ResourceConfig("crd_k8s_templates", "t", body, IsData: true)] };
        var plan = await s.Harness.PlanAsync(config, Deadline);
        return plan.Changes["data.crd_k8s_templates.t"].Planned;
    }
}
