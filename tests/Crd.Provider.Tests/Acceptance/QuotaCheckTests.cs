using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.DataSourceReader;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// The plan-time quota check (docs/guides/quota-check.md) through the harness against crd-sim:
/// a plan over quota fails before anything is created, with the precise message; destroys and
/// shrinks offset creates and grows; sites are counted separately.
/// </summary>
public sealed class QuotaCheckTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    [Fact]
    public async Task QuotaCheck_VmsOverCores_PlanFailsWithMessageAndNothingIsCreated()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse");
        var config = Config(tenant, Vm("a", "m1.xlarge"), Vm("b", "m1.xlarge"), Vm("c", "m1.xlarge"));

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().ApplyAsync(config, Deadline));

        // The first two VMs fit (16 cores); the third is the one beyond the headroom.
        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("Quota Exceeded", error.Summary);
        Assert.Contains($"plan needs 24 cores on toulouse for project {tenant.ProjectName} ({tenant.ProjectId}); limit 16, in use 0 (16 available).", error.Detail, StringComparison.Ordinal);
        Assert.Contains("This crd_vm adds 8 cores", error.Detail, StringComparison.Ordinal);
        Assert.Contains("crd_quota", error.Detail, StringComparison.Ordinal);
        Assert.Empty(await sim.ListObjectsAsync("compute.servers", tenant));
    }

    [Fact]
    public async Task QuotaCheck_DestroyOneCreateAnotherWithinQuota_Passes()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse", new JsonObject { ["cores"] = 8 });
        var harness = Harness();
        await harness.ApplyAsync(Config(tenant, Vm("old", "m1.xlarge")), Deadline);

        // The quota is full; the create fits only because the destroy in the same plan frees 8 cores.
        var plan = await harness.ApplyAsync(Config(tenant, Vm("new", "m1.xlarge")), Deadline);

        Assert.Equal(ChangeAction.Delete, plan.ActionOf("crd_vm.old"));
        Assert.Equal(ChangeAction.Create, plan.ActionOf("crd_vm.new"));
        var server = Assert.Single(await sim.ListObjectsAsync("compute.servers", tenant));
        Assert.Equal("new", server["Name"]?.ToString());
    }

    [Fact]
    public async Task QuotaCheck_ResizeWithinHeadroomPasses_ResizeOverHeadroomFails()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse", new JsonObject { ["cores"] = 4 });
        var harness = Harness();
        await harness.ApplyAsync(Config(tenant, Vm("web", "m1.small")), Deadline);

        // m1.small -> m1.large: +3 cores, 1 + 3 = 4 fits exactly.
        var plan = await harness.ApplyAsync(Config(tenant, Vm("web", "m1.large")), Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf("crd_vm.web"));

        // m1.large -> m1.xlarge: +4 cores on a full quota.
        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.PlanAsync(Config(tenant, Vm("web", "m1.xlarge")), Deadline));
        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Contains($"plan needs 4 cores on toulouse for project {tenant.ProjectName} ({tenant.ProjectId}); limit 4, in use 4 (0 available).", error.Detail, StringComparison.Ordinal);
        Assert.Equal("web", Field(Assert.Single(await sim.ListObjectsAsync("compute.servers", tenant)), "Name"));
    }

    [Fact]
    public async Task QuotaCheck_ReplacementOnFullQuota_DestroyHalfOffsetsCreateHalf()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse", new JsonObject { ["cores"] = 8 });
        var harness = Harness();
        await harness.ApplyAsync(Config(tenant, Vm("web", "m1.xlarge")), Deadline);

        // A new image forces replacement: the update call frees 8 cores, the create call takes 8.
        var replaced = Config(tenant, new ResourceConfig("crd_vm", "web", new Dictionary<string, object?> { ["name"] = "web", ["flavor"] = "m1.xlarge", ["image"] = "debian-12" }));
        var plan = await harness.ApplyAsync(replaced, Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf("crd_vm.web"));
        Assert.Single(await sim.ListObjectsAsync("compute.servers", tenant));
    }

    [Fact]
    public async Task QuotaCheck_AfterApply_CrdSitesShowsUsageTheCheckStartsFrom()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse");
        var harness = Harness();
        await harness.ApplyAsync(Config(tenant, Vm("a", "m1.large"), Vm("b", "m1.medium")), Deadline);

        var state = await ReadAsync(CrdSim.ProviderBlock(tenant), "crd_sites", []);

        var quota = Assert.Single(state.List("sites")).GetAttribute("quota");
        Assert.Equal(6, quota.GetAttribute("cores").Int("in_use"));
        Assert.Equal(10, quota.GetAttribute("cores").Int("available"));
        Assert.Equal(12, quota.GetAttribute("ram_gb").Int("in_use"));
        Assert.Equal(2, quota.GetAttribute("instances").Int("in_use"));
    }

    [Fact]
    public async Task QuotaCheck_TwoSites_CountedSeparately()
    {
        var sim = await fixture.GetAsync();
        var toulouse = await sim.CreateTenantAsync("toulouse", new JsonObject { ["cores"] = 8 });
        var montpellier = await sim.CreateTenantAsync("montpellier", new JsonObject { ["cores"] = 8 });

        // 8 cores on each site: fits, although the run needs 16 cores in all.
        var fits = await Harness().PlanAsync(Config([toulouse, montpellier], Vm("t", "m1.xlarge", "toulouse"), Vm("m", "m1.xlarge", "montpellier")), Deadline);
        Assert.Equal(ChangeAction.Create, fits.ActionOf("crd_vm.t"));

        // One more VM on montpellier: only montpellier is over.
        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().PlanAsync(
            Config([toulouse, montpellier], Vm("t", "m1.xlarge", "toulouse"), Vm("m", "m1.xlarge", "montpellier"), Vm("m2", "m1.small", "montpellier")), Deadline));
        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Contains($"plan needs 9 cores on montpellier for project {montpellier.ProjectName} ({montpellier.ProjectId}); limit 8, in use 0", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotaCheck_VolumesOverStorage_ErrorAtSizeGb()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse", new JsonObject { ["storageGb"] = 100 });
        var config = Config([tenant], Volume("data1", 60), Volume("data2", 60));

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().PlanAsync(config, Deadline));

        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("size_gb", error.Path);
        Assert.Contains($"plan needs 120 GB of volume storage on toulouse for project {tenant.ProjectName} ({tenant.ProjectId}); limit 100 GB, in use 0 GB", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotaCheck_VolumeGrowWithinHeadroomPasses_GrowOverHeadroomFails()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync("toulouse", new JsonObject { ["storageGb"] = 100 });
        var harness = Harness();
        await harness.ApplyAsync(Config([tenant], Volume("data", 60)), Deadline);

        var plan = await harness.ApplyAsync(Config([tenant], Volume("data", 90)), Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf("crd_volume.data"));

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => harness.PlanAsync(Config([tenant], Volume("data", 120)), Deadline));
        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("size_gb", error.Path);
        Assert.Contains("plan needs 30 GB of volume storage on toulouse", error.Detail, StringComparison.Ordinal);
        Assert.Contains("limit 100 GB, in use 90 GB (10 GB available)", error.Detail, StringComparison.Ordinal);
    }

    private static TerraformConfiguration Config(SimTenant tenant, params ResourceConfig[] resources) => Config([tenant], resources);

    private static TerraformConfiguration Config(SimTenant[] tenants, params ResourceConfig[] resources) => new()
    {
        Provider = CrdSim.ProviderBlock(tenants),
        Resources = resources,
    };

    private static ResourceConfig Vm(string name, string flavor, string? site = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["flavor"] = flavor, ["image"] = "ubuntu-24.04" };
        if (site is not null)
        {
            body["site"] = site;
        }

        return new ResourceConfig("crd_vm", name, body);
    }

    private static ResourceConfig Volume(string name, int sizeGb)
        => new("crd_volume", name, new Dictionary<string, object?> { ["name"] = name, ["size_gb"] = sizeGb });

    private static string Field(JsonObject entity, string name) => entity[name]?.ToString() ?? "";
}
