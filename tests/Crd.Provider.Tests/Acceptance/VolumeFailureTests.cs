using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using static Crd.Provider.Tests.Acceptance.VolumeScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_volume when things go wrong: bad input is a diagnostic at its attribute, a volume that
/// ends in <c>error</c> stays in the state (tainted) with Cinder's reason, injected faults on the
/// create leave exactly one volume. Own crd-sim: these tests install fault rules.
/// </summary>
public sealed class VolumeFailureTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_volume.data";

    [Fact]
    public async Task VolumeType_Unknown_PlanErrorAtVolumeTypeListsTheSiteTypes()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["volume_type"] = "ssd" }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("volume_type", diagnostic.Path);
        Assert.Contains("\"nvme\"", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("\"hdd\"", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_Unknown_PlanErrorAtImage()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 10, ["image"] = "windows-95" }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(config, Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("image", diagnostic.Path);
        Assert.Contains("windows-95", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains("debian-12", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SizeGb_Zero_ValidationErrorAtSizeGb()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 0 }));

        var diagnostics = await s.Harness.ValidateAsync(config, Deadline);

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "size_gb");
    }

    [Fact]
    public async Task Timeouts_NotADuration_ValidationErrorAtItsPath()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["timeouts"] = new Dictionary<string, object?> { ["create"] = "soon" } }));

        var diagnostics = await s.Harness.ValidateAsync(config, Deadline);

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "timeouts.create");
    }

    [Fact]
    public async Task Create_CinderPutsVolumeInError_KeptTaintedWithReasonThenReplaced()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }));
        await s.Sim.SetFaultsAsync([new JsonObject
        {
            ["site"] = "toulouse", ["service"] = "volume", ["path"] = $"/{s.Tenant.ProjectId}/volumes",
            ["kind"] = "build-error", ["count"] = 1, ["message"] = "No valid backend was found.",
        }]);
        try
        {
            var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

            var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
            Assert.Equal("Volume Create Failed", diagnostic.Summary);
            Assert.Contains("error", diagnostic.Detail, StringComparison.Ordinal);
            var instance = s.Harness.State.Get(Address)!;
            Assert.True(instance.Tainted);
            var failedId = s.Text(Address, "id")!;
            Assert.Equal("error", (await s.VolumeObjectAsync(failedId))["Status"]!.GetValue<string>());

            var plan = await s.Harness.ApplyAsync(config, Deadline);

            Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
            var volume = Assert.Single(await s.VolumesAsync());
            Assert.NotEqual(failedId, volume["Id"]!.GetValue<string>());
            Assert.Equal("available", volume["Status"]!.GetValue<string>());
        }
        finally
        {
            await s.Sim.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task Create_ConnectionResetsAndUnavailableOnEveryVolumeCall_ExactlyTheVolumesOfTheState()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(
            Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }),
            Volume("more", new() { ["name"] = "more", ["size_gb"] = 2 }),
            Volume("boot", new() { ["name"] = "boot", ["size_gb"] = 10, ["image"] = "rocky-9" }));
        await s.Sim.SetFaultsAsync([
            new JsonObject { ["site"] = "toulouse", ["service"] = "volume", ["kind"] = "reset", ["rate"] = 0.2 },
            new JsonObject { ["site"] = "toulouse", ["service"] = "volume", ["kind"] = "status", ["status"] = 503, ["rate"] = 0.1 },
            new JsonObject { ["site"] = "toulouse", ["service"] = "volume", ["method"] = "POST", ["path"] = $"/{s.Tenant.ProjectId}/volumes", ["kind"] = "reset", ["count"] = 2 },
        ]);
        try
        {
            await s.Harness.ApplyAsync(config, Deadline);
            var ids = new[] { "data", "more", "boot" }.Select(n => s.Text("crd_volume." + n, "id")!).Order().ToList();
            Assert.Equal(ids, (await s.VolumesAsync()).Select(v => v["Id"]!.GetValue<string>()).Order().ToList());

            await s.Harness.DestroyAsync(config, Deadline);
        }
        finally
        {
            await s.Sim.ClearFaultsAsync();
        }

        Assert.Empty(await s.VolumesAsync());
    }
}
