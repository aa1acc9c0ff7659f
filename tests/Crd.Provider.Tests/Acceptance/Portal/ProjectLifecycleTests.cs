using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.Portal.PortalScenario;

namespace Crd.Provider.Tests.Acceptance.Portal;

/// <summary>
/// crd_project through the harness against crd-sim's Waldur: a project on two sites, a site
/// removed and added in place, rename, deletion protection, import, drift, destroy leaving the
/// portal and the sites empty of the project's objects.
/// </summary>
public sealed class ProjectLifecycleTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_project.p";

    [Fact]
    public async Task Project_OnTwoSites_SitesChangeInPlace_ProtectedUntilLifted_DestroyLeavesNothing()
    {
        using var s = await StartAsync(fixture);
        var name = NewName();

        // Create: the project and one tenant per site.
        var config = s.Config(Project(name, ["toulouse", "montpellier"], new() { ["description"] = "course" }));
        Assert.Equal(ChangeAction.Create, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        var id = s.Text(Address, "id")!;
        var toulouse = s.TenantProject("toulouse");
        var montpellier = s.TenantProject("montpellier");
        Assert.True(await s.KeystoneProjectExistsAsync(toulouse));
        Assert.True(await s.KeystoneProjectExistsAsync(montpellier));
        var tenant = s.Attribute(Address, "tenants")!["toulouse"]!;
        Assert.Equal("OK", tenant["state"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(tenant["network_id"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(tenant["subnet_id"]?.GetValue<string>()));
        Assert.True(s.Attribute(Address, "deletion_protection")!.GetValue<bool>());
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Rename and drop montpellier: one in-place update; the montpellier tenant is terminated.
        config = s.Config(Project(name + "-renamed", ["toulouse"], new() { ["description"] = "course" }));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Equal(id, s.Text(Address, "id"));
        Assert.Equal(name + "-renamed", (await s.WaldurAsync(HttpMethod.Get, $"projects/{id}/"))!["name"]!.GetValue<string>());
        Assert.False(await s.KeystoneProjectExistsAsync(montpellier));
        Assert.Equal(toulouse, s.TenantProject("toulouse"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        // Add montpellier back: a new tenant, still in place.
        config = s.Config(Project(name + "-renamed", ["toulouse", "montpellier"], new() { ["description"] = "course" }));
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.NotEqual(montpellier, s.TenantProject("montpellier"));
        Assert.True(await s.KeystoneProjectExistsAsync(s.TenantProject("montpellier")));

        // Import: the same state as the apply.
        await s.Harness.ImportVerifyAsync(config, Address, id, ["timeouts"], Deadline);

        // Destroy is refused while protected, with the way out in the message.
        var refused = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.DestroyAsync(config, Deadline));
        var error = Assert.Single(refused.Diagnostics, d => d.IsError);
        Assert.Equal("Deletion Protection Enabled", error.Summary);
        Assert.Contains("deletion_protection = false", error.Detail, StringComparison.Ordinal);
        Assert.NotNull(await s.WaldurAsync(HttpMethod.Get, $"projects/{id}/"));

        // Lifted, then destroyed: nothing of the project is left in the portal or on the sites.
        config = s.Config(Project(name + "-renamed", ["toulouse", "montpellier"], new() { ["description"] = "course", ["deletion_protection"] = false }));
        await s.Harness.ApplyAsync(config, Deadline);
        var backends = new[] { s.TenantProject("toulouse"), s.TenantProject("montpellier") };
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await s.Sim.ListObjectsAsync("portal.projects"), p => p["Id"]?.GetValue<string>() == id);
        Assert.All(await s.ResourcesAsync(id), r => Assert.Equal("Terminated", r["State"]!.GetValue<string>()));
        foreach (var backend in backends)
        {
            Assert.False(await s.KeystoneProjectExistsAsync(backend));
        }
    }

    [Fact]
    public async Task Project_TenantTerminatedBehindTerraform_RefreshDropsTheSite_ApplyOrdersItAgain()
    {
        using var s = await StartAsync(fixture);
        var config = s.Config(Project(NewName(), ["toulouse"], new() { ["deletion_protection"] = false }));
        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id")!;
        var resource = s.Attribute(Address, "tenants")!["toulouse"]!["resource_id"]!.GetValue<string>();

        await s.WaldurAsync(HttpMethod.Post, $"marketplace-resources/{resource}/terminate/", new JsonObject());
        var plan = await s.Harness.PlanAsync(config, Deadline);
        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        Assert.Equal(ChangeAction.Update, applied.ActionOf(Address));
        Assert.NotEqual(resource, s.Attribute(Address, "tenants")!["toulouse"]!["resource_id"]!.GetValue<string>());
        Assert.Equal("OK", s.Attribute(Address, "tenants")!["toulouse"]!["state"]!.GetValue<string>());
        Assert.True(await s.KeystoneProjectExistsAsync(s.TenantProject("toulouse")));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await s.Sim.ListObjectsAsync("portal.projects"), p => p["Id"]?.GetValue<string>() == id);
    }

    [Fact]
    public async Task Project_DeletedBehindTerraform_IsPlannedAgain()
    {
        using var s = await StartAsync(fixture);
        var config = s.Config(Project(NewName(), [], new() { ["deletion_protection"] = false }));
        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id")!;

        await s.WaldurAsync(HttpMethod.Delete, $"projects/{id}/");
        var plan = await s.Harness.PlanAsync(config, Deadline);

        Assert.Equal(ChangeAction.Create, plan.ActionOf(Address));
    }

    [Fact]
    public async Task Project_UnknownCustomerOrSite_PlanFailsNamingWhatExists()
    {
        using var s = await StartAsync(fixture);
        var config = s.Config(new ResourceConfig("crd_project", "p", new Dictionary<string, object?> { ["name"] = NewName(), ["customer"] = "no-such-lab", ["sites"] = new[] { "toulouse" } }));

        var customer = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));
        var site = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(s.Config(Project(NewName(), ["brest"])), Deadline));

        var error = Assert.Single(customer.Diagnostics, d => d.IsError);
        Assert.Equal("Unknown Customer", error.Summary);
        Assert.Equal("customer", error.Path);
        Assert.Contains("demo-lab", error.Detail, StringComparison.Ordinal);
        var siteError = Assert.Single(site.Diagnostics, d => d.IsError);
        Assert.Equal("Unknown Site", siteError.Summary);
        Assert.Contains("\"toulouse\"", siteError.Detail, StringComparison.Ordinal);
    }
}
