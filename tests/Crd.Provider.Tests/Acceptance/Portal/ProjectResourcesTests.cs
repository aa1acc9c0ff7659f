using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.Portal.PortalScenario;

namespace Crd.Provider.Tests.Acceptance.Portal;

/// <summary>
/// crd_vm and crd_volume with <c>project = crd_project.p.id</c>: created in the project's tenant
/// (with the tenant's credentials from the portal), refreshed and destroyed there; a site the
/// project does not have is a plan-time error naming both.
/// </summary>
public sealed class ProjectResourcesTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private static ResourceConfig Vm(string name, string site) => new("crd_vm", name, new Dictionary<string, object?>
    {
        ["name"] = name,
        ["site"] = site,
        ["flavor"] = "m1.small",
        ["image"] = "debian-12",
        ["project"] = new Ref("crd_project.p", "id"),
    });

    private static ResourceConfig Volume(string name, string site) => new("crd_volume", name, new Dictionary<string, object?>
    {
        ["name"] = name,
        ["site"] = site,
        ["size_gb"] = 2,
        ["project"] = new Ref("crd_project.p", "id"),
        ["attach_to"] = new Ref("crd_vm." + site, "id"),
    });

    [Fact]
    public async Task VmsAndVolumes_InAPortalProjectOnTwoSites_LiveInItsTenants_AndDestroyLeavesNothing()
    {
        using var s = await StartAsync(fixture);
        var config = s.Config(
            Project(NewName(), ["toulouse", "montpellier"], new() { ["deletion_protection"] = false }),
            Vm("toulouse", "toulouse"), Vm("montpellier", "montpellier"), Volume("data", "toulouse"));

        await s.Harness.ApplyAsync(config, Deadline);

        var id = s.Text("crd_project.p", "id")!;
        Assert.Equal(id, s.Text("crd_vm.toulouse", "project"));
        var servers = await s.Sim.ListObjectsAsync("compute.servers");
        Assert.Equal(s.TenantProject("toulouse"), servers.Single(x => x["Id"]!.GetValue<string>() == s.Text("crd_vm.toulouse", "id"))["ProjectId"]!.GetValue<string>());
        Assert.Equal(s.TenantProject("montpellier"), servers.Single(x => x["Id"]!.GetValue<string>() == s.Text("crd_vm.montpellier", "id"))["ProjectId"]!.GetValue<string>());
        var volume = (await s.Sim.ListObjectsAsync("volume.volumes")).Single(v => v["Id"]!.GetValue<string>() == s.Text("crd_volume.data", "id"));
        Assert.Equal(s.TenantProject("toulouse"), volume["ProjectId"]!.GetValue<string>());
        Assert.Equal("in-use", s.Text("crd_volume.data", "status"));
        Assert.Empty(await s.Sim.ListObjectsAsync("compute.servers", s.Sites[0]));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import into the project: <site>/<project>/<id> gives the applied state.
        await s.Harness.ImportVerifyAsync(config, "crd_vm.toulouse", $"toulouse/{id}/{s.Text("crd_vm.toulouse", "id")}", ["timeouts", "user_data"], Deadline);

        await s.Harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await s.Sim.ListObjectsAsync("compute.servers"), x => x["ProjectId"]!.GetValue<string>() == s.TenantProject("toulouse"));
        Assert.DoesNotContain(await s.Sim.ListObjectsAsync("portal.projects"), p => p["Id"]?.GetValue<string>() == id);
    }

    [Fact]
    public async Task Vm_OnASiteTheProjectLacks_PlanFailsNamingSiteAndProject()
    {
        using var s = await StartAsync(fixture);
        var name = NewName();
        var project = Project(name, ["toulouse"], new() { ["deletion_protection"] = false });
        await s.Harness.ApplyAsync(s.Config(project), Deadline);

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(s.Config(project, Vm("m", "montpellier")), Deadline));

        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("Site Not In Project", error.Summary);
        Assert.Equal("project", error.Path);
        Assert.Contains("\"montpellier\"", error.Detail, StringComparison.Ordinal);
        Assert.Contains(name, error.Detail, StringComparison.Ordinal);
        Assert.Contains("\"toulouse\"", error.Detail, StringComparison.Ordinal);
        await s.Harness.DestroyAsync(s.Config(project), Deadline);
    }

    [Fact]
    public async Task Vm_SiteAddedToTheProjectInTheSamePlan_Plans()
    {
        using var s = await StartAsync(fixture);
        var name = NewName();
        await s.Harness.ApplyAsync(s.Config(Project(name, ["toulouse"], new() { ["deletion_protection"] = false })), Deadline);

        var config = s.Config(Project(name, ["toulouse", "montpellier"], new() { ["deletion_protection"] = false }), Vm("m", "montpellier"));
        await s.Harness.ApplyAsync(config, Deadline);

        var server = (await s.Sim.ListObjectsAsync("compute.servers")).Single(x => x["Id"]!.GetValue<string>() == s.Text("crd_vm.m", "id"));
        Assert.Equal(s.TenantProject("montpellier"), server["ProjectId"]!.GetValue<string>());
        await s.Harness.DestroyAsync(config, Deadline);
    }
}
