using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.Portal.PortalScenario;

namespace Crd.Provider.Tests.Acceptance.Portal;

/// <summary>
/// Marketplace orders as crd_project meets them: a non-staff token (approved as consumer, then
/// waiting for the provider until the timeout, the project kept in state and the order resumed
/// once approved), and an order that errs.
/// </summary>
public sealed class ProjectOrderTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_project.p";

    [Fact]
    public async Task UserToken_OrderWaitsForProvider_FailsNamingSiteOrderAndApprover_ThenResumes()
    {
        using var s = await StartAsync(fixture, staff: false);
        var name = NewName();
        var timeouts = new Dictionary<string, object?> { ["create"] = "2s", ["update"] = "1m" };
        var config = s.Config(Project(name, ["toulouse"], new() { ["deletion_protection"] = false, ["timeouts"] = timeouts }));

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("Tenant Order Not Approved", error.Summary);
        Assert.Contains("Site \"toulouse\"", error.Detail, StringComparison.Ordinal);
        Assert.Contains("pending-provider", error.Detail, StringComparison.Ordinal);
        Assert.Contains("service provider", error.Detail, StringComparison.Ordinal);
        var id = s.Text(Address, "id")!;
        Assert.True(s.Harness.State.Get(Address)!.Tainted);
        Assert.Empty(s.Attribute(Address, "sites")!.AsArray());
        var orders = (await s.WaldurAsync(HttpMethod.Get, $"marketplace-orders/?project_uuid={id}"))!.AsArray();
        var order = Assert.Single(orders)!;
        Assert.Contains(order["uuid"]!.GetValue<string>(), error.Detail, StringComparison.Ordinal);
        Assert.Equal("pending-provider", order["state"]!.GetValue<string>()); // the provider approved as consumer

        // Staff approves; once untainted, the next apply finds the tenant (or resumes the order) without ordering again.
        await s.WaldurAsync(HttpMethod.Post, $"marketplace-orders/{order["uuid"]!.GetValue<string>()}/approve_by_provider/", new JsonObject());
        for (var i = 0; i < 50 && (await s.WaldurAsync(HttpMethod.Get, $"marketplace-orders/{order["uuid"]!.GetValue<string>()}/"))!["state"]!.GetValue<string>() != "done"; i++)
        {
            await Task.Delay(100);
        }

        var instance = s.Harness.State.Get(Address)!;
        s.Harness.State.Set(Address, instance with { Tainted = false });
        var resumed = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Contains(resumed.ActionOf(Address), new[] { ChangeAction.Update, ChangeAction.NoOp });
        Assert.Equal(id, s.Text(Address, "id"));
        await s.Harness.RefreshAsync(config, Deadline);
        Assert.True(s.Attribute(Address, "tenants")!["toulouse"]?["project_id"] is not null, $"{resumed.ActionOf(Address)}: {s.Attribute(Address, "tenants")?.ToJsonString()} sites {s.Attribute(Address, "sites")?.ToJsonString()}");
        Assert.True(await s.KeystoneProjectExistsAsync(s.TenantProject("toulouse")));
        Assert.Single((await s.WaldurAsync(HttpMethod.Get, $"marketplace-orders/?project_uuid={id}"))!.AsArray());
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task ErredOrder_FailsWithThePortalsMessage_OtherSitesAndProjectKept()
    {
        using var s = await StartAsync(fixture);
        await s.Sim.SetFaultsAsync(new JsonArray { new JsonObject { ["site"] = "montpellier", ["service"] = "portal", ["kind"] = "build-error", ["count"] = 1, ["message"] = "No capacity left for tenants" } });
        try
        {
            var config = s.Config(Project(NewName(), ["toulouse", "montpellier"], new() { ["deletion_protection"] = false }));

            var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

            var error = Assert.Single(failure.Diagnostics, d => d.IsError);
            Assert.Equal("Tenant Order Failed", error.Summary);
            Assert.Contains("Site \"montpellier\"", error.Detail, StringComparison.Ordinal);
            Assert.Contains("erred: No capacity left for tenants", error.Detail, StringComparison.Ordinal);
            Assert.Equal(["toulouse"], s.Attribute(Address, "sites")!.AsArray().Select(x => x!.GetValue<string>()));
            Assert.True(await s.KeystoneProjectExistsAsync(s.TenantProject("toulouse")));

            // The next apply (untainted by hand) orders montpellier again, in place.
            s.Harness.State.Set(Address, s.Harness.State.Get(Address)! with { Tainted = false });
            Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
            Assert.True(await s.KeystoneProjectExistsAsync(s.TenantProject("montpellier")));
            await s.Harness.DestroyAsync(config, Deadline);
        }
        finally
        {
            await s.Sim.ClearFaultsAsync();
        }
    }
}
