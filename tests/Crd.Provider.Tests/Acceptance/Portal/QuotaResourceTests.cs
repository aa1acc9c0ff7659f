using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.Portal.PortalScenario;

namespace Crd.Provider.Tests.Acceptance.Portal;

/// <summary>
/// crd_quota against crd-sim: a portal project's limits through Waldur (update_limits), raised
/// together with the VMs that need it in one apply; lowered below the plan's need, a plan error;
/// the credentials' own project through the admin credential, put back on destroy; import.
/// </summary>
public sealed class QuotaResourceTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_quota.q";

    private static ResourceConfig Vm(string name) => new("crd_vm", name, new Dictionary<string, object?>
    {
        ["name"] = name,
        ["site"] = "toulouse",
        ["flavor"] = "m1.xlarge",
        ["image"] = "debian-12",
        ["project"] = new Ref("crd_project.p", "id"),
    });

    private static ResourceConfig Quota(Dictionary<string, object?> limits, object? project = null)
    {
        var body = new Dictionary<string, object?>(limits) { ["site"] = "toulouse" };
        if (project is not null)
        {
            body["project"] = project;
        }

        return new ResourceConfig("crd_quota", "q", body);
    }

    [Fact]
    public async Task PortalProject_RaiseAndVmsThatNeedIt_ApplyInOneRun_LoweringBelowThePlanFails()
    {
        using var s = await StartAsync(fixture);
        var project = Project(NewName(), ["toulouse"], new() { ["deletion_protection"] = false });
        await s.Harness.ApplyAsync(s.Config(project), Deadline);
        var projectRef = new Ref("crd_project.p", "id");

        // 3 x m1.xlarge = 24 cores: over the default 16, within the 24 this crd_quota sets.
        var config = s.Config(project, Quota(new() { ["cores"] = 24, ["ram_gb"] = 96 }, projectRef), Vm("a"), Vm("b"), Vm("c"));
        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Create, applied.ActionOf(Address));
        var tenantUuid = (await s.Sim.ListObjectsAsync("portal.resources")).Single(r => r["BackendId"]?.GetValue<string>() == s.TenantProject("toulouse"))["TenantId"]!.GetValue<string>();
        var quotas = (await s.WaldurAsync(HttpMethod.Get, $"openstack-tenants/{tenantUuid}/"))!["quotas"]!.AsArray();
        Assert.Equal(24, quotas.Single(q => q!["name"]!.GetValue<string>() == "vcpu")!["limit"]!.GetValue<long>());
        Assert.Equal(3, (await s.Sim.ListObjectsAsync("compute.servers")).Count(x => x["ProjectId"]!.GetValue<string>() == s.TenantProject("toulouse")));
        await s.Harness.RefreshAsync(config, Deadline); // usage was read when the quota was applied, before every VM
        Assert.Equal(24, s.Attribute(Address, "usage")!["cores"]!.GetValue<long>());
        Assert.Equal(s.Text("crd_project.p", "id") + "/toulouse", s.Text(Address, "id"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import: <project>/<site>, every limit the portal governs.
        await s.Harness.ImportVerifyAsync(s.Config(project, Quota(new() { ["cores"] = 24, ["ram_gb"] = 96, ["storage_gb"] = 1000 }, projectRef), Vm("a"), Vm("b"), Vm("c")),
            Address, s.Text("crd_project.p", "id") + "/toulouse", ["timeouts", "storage_gb"], Deadline);

        // Lowering back to 16 while the three VMs stay, plus a fourth: a plan-time error at cores.
        var lowered = s.Config(project, Quota(new() { ["cores"] = 16, ["ram_gb"] = 96 }, projectRef), Vm("a"), Vm("b"), Vm("c"), Vm("d"));
        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(lowered, Deadline));
        Assert.Contains(failure.Diagnostics, d => d.IsError && d.Summary is "Quota Below Plan" or "Quota Exceeded");
        Assert.Contains(failure.Diagnostics, d => d.IsError && d.Detail.Contains("16", StringComparison.Ordinal) && d.Detail.Contains("toulouse", StringComparison.Ordinal));

        // Below usage alone: a warning naming the usage.
        var below = await s.Harness.PlanAsync(s.Config(project, Quota(new() { ["cores"] = 16, ["ram_gb"] = 96 }, projectRef), Vm("a"), Vm("b"), Vm("c")), Deadline);
        Assert.Contains(s.Harness.LastWarnings, w => w.Summary == "Quota Below Usage" && w.Detail.Contains("(24)", StringComparison.Ordinal));
        Assert.Equal(ChangeAction.Update, below.ActionOf(Address));

        var backend = s.TenantProject("toulouse");
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await s.Sim.ListObjectsAsync("compute.servers"), x => x["ProjectId"]!.GetValue<string>() == backend);
    }

    [Fact]
    public async Task OwnProject_WithAdminCredential_SetsOnlyWhatIsManaged_AndDestroyPutsItBack()
    {
        using var s = await StartAsync(fixture);
        var tenant = s.Sites[0];
        var provider = CrdSim.ProviderBlock(tenant);
        provider["clouds_yaml"] = Path.Combine(s.Sim.DataDirectory, "clouds.yaml");
        ((Dictionary<string, object?>[])provider["site"]!)[0]["admin_cloud"] = "crd-toulouse-admin";
        var limits = new Dictionary<string, object?> { ["cores"] = 20, ["ram_gb"] = 80, ["instances"] = 12, ["volumes"] = 6, ["storage_gb"] = 500, ["floating_ips"] = 2 };
        var config = new TerraformConfiguration { Provider = provider, Resources = [Quota(limits)] };

        await s.Harness.ApplyAsync(config, Deadline);

        var quota = await ProjectQuotaAsync(s, tenant.ProjectId);
        Assert.Equal(20, quota["Cores"]!.GetValue<int>());
        Assert.Equal(80, quota["RamGb"]!.GetValue<int>());
        Assert.Equal(6, quota["Volumes"]!.GetValue<int>());
        Assert.Equal(500, quota["StorageGb"]!.GetValue<int>());
        Assert.Equal(2, quota["FloatingIps"]!.GetValue<int>());
        Assert.Equal(tenant.ProjectId, s.Text(Address, "project"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
        await s.Harness.ImportVerifyAsync(config, Address, $"{tenant.ProjectId}/toulouse", ["timeouts"], Deadline);

        // Drift: someone changes cores behind Terraform's back; the plan puts it back in place.
        await s.Sim.PatchObjectAsync("identity.projects", tenant.ProjectId, new JsonObject { ["Quota"] = new JsonObject { ["Cores"] = 3, ["RamGb"] = 80, ["Instances"] = 12, ["Volumes"] = 6, ["StorageGb"] = 500, ["FloatingIps"] = 2, ["K8sClusters"] = 2 } });
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Equal(20, (await ProjectQuotaAsync(s, tenant.ProjectId))["Cores"]!.GetValue<int>());

        await s.Harness.DestroyAsync(config, Deadline);
        var restored = await ProjectQuotaAsync(s, tenant.ProjectId);
        Assert.Equal(16, restored["Cores"]!.GetValue<int>());
        Assert.Equal(10, restored["Volumes"]!.GetValue<int>());
        Assert.Equal(4, restored["FloatingIps"]!.GetValue<int>());
    }

    [Fact]
    public async Task OwnProject_WithoutAdminCredential_PlanFailsSayingWhatToConfigure()
    {
        using var s = await StartAsync(fixture);
        var config = new TerraformConfiguration { Provider = CrdSim.ProviderBlock(s.Sites[0]), Resources = [Quota(new() { ["cores"] = 20 })] };

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("Quota Not Manageable", error.Summary);
        Assert.Equal("cores", error.Path);
        Assert.Contains("admin_cloud", error.Detail, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> ProjectQuotaAsync(PortalScenario s, string projectId)
        => (await s.Sim.ListObjectsAsync("identity.projects")).Single(p => p["Id"]!.GetValue<string>() == projectId)["Quota"]!.AsObject();
}
