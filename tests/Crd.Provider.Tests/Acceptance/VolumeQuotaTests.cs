using System.Text.Json.Nodes;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VolumeScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// What crd_volume claims from the plan-time quota check: a grow claims the extra gigabytes, a
/// shrink (a replacement) frees the old volume before the new one is counted, a destroy frees.
/// </summary>
public sealed class VolumeQuotaTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_volume.data";

    private static TerraformConfiguration Size(TerraformConfiguration config, int sizeGb)
        => config.With(Address, body =>
        {
            body["size_gb"] = sizeGb;
            return body;
        });

    [Fact]
    public async Task Grow_OverStorageHeadroom_PlanErrorAtSizeGbThenGrowWithinIt()
    {
        await using var s = await StartAsync(fixture, quota: new JsonObject { ["storageGb"] = 10 });
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 6 }));
        await s.Harness.ApplyAsync(config, Deadline);

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.PlanAsync(Size(config, 12), Deadline));

        var error = Assert.Single(failure.Diagnostics, d => d.IsError);
        Assert.Equal("size_gb", error.Path);
        Assert.Contains("limit 10 GB, in use 6 GB", error.Detail, StringComparison.Ordinal);

        await s.Harness.ApplyAsync(Size(config, 10), Deadline);
        Assert.Equal(10, (await s.VolumeObjectAsync(s.Text(Address, "id")!))["Size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Shrink_AtFullQuota_ReplacementFitsBecauseTheOldVolumeIsFreed()
    {
        await using var s = await StartAsync(fixture, quota: new JsonObject { ["storageGb"] = 10, ["volumes"] = 1 });
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 10 }));
        await s.Harness.ApplyAsync(config, Deadline);

        var plan = await s.Harness.ApplyAsync(Size(config, 8), Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
        Assert.Equal(8, Assert.Single(await s.VolumesAsync())["Size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_OverVolumeCount_PlanFailsAndNothingIsCreated()
    {
        await using var s = await StartAsync(fixture, quota: new JsonObject { ["volumes"] = 2 });
        var config = s.Config(
            Volume("a", new() { ["name"] = "a", ["size_gb"] = 1 }),
            Volume("b", new() { ["name"] = "b", ["size_gb"] = 1 }),
            Volume("c", new() { ["name"] = "c", ["size_gb"] = 1 }));

        var failure = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

        Assert.Contains(failure.Diagnostics, d => d.IsError && d.Summary == "Quota Exceeded");
        Assert.Empty(await s.VolumesAsync());
    }
}
