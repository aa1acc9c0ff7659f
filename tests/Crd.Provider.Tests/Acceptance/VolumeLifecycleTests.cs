using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using Xunit.Abstractions;
using static Crd.Provider.Tests.Acceptance.VolumeScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_volume through the Terraform-faithful harness against a real crd-sim: create, every
/// in-place change, replacement, import, drift and destroy. One crd-sim for the class, one fresh
/// tenant per test.
/// </summary>
public sealed class VolumeLifecycleTests(SharedCrdSim fixture, ITestOutputHelper output) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_volume.data";

    private static TerraformConfiguration Set(TerraformConfiguration config, string name, object? value)
        => config.With(Address, body =>
        {
            body[name] = value;
            return body;
        });

    [Fact]
    public async Task Create_ThenRenameGrowRetype_AllInPlaceOnTheSameVolume()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }));

        var created = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Create, created.ActionOf(Address));
        var id = s.Text(Address, "id")!;
        Assert.Equal("available", s.Text(Address, "status"));
        Assert.Equal("nvme", s.Text(Address, "volume_type"));
        Assert.Equal("toulouse", s.Text(Address, "site"));
        Assert.Equal(s.Tenant.ProjectId, s.Text(Address, "project"));
        Assert.Null(s.Text(Address, "device"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        config = Set(Set(config, "name", "results"), "description", "run 42");
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        var renamed = await s.VolumeObjectAsync(id);
        Assert.Equal("results", renamed["Name"]!.GetValue<string>());
        Assert.Equal("run 42", renamed["Description"]!.GetValue<string>());

        config = Set(config, "size_gb", 3);
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Equal(3, (await s.VolumeObjectAsync(id))["Size"]!.GetValue<int>());

        config = Set(config, "volume_type", "hdd");
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Equal("hdd", (await s.VolumeObjectAsync(id))["VolumeType"]!.GetValue<string>());

        Assert.Equal(id, s.Text(Address, "id"));
        Assert.Equal("available", s.Text(Address, "status"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
        Assert.Single(await s.VolumesAsync());
    }

    [Fact]
    public async Task SizeGb_Shrink_ReplacesTheVolume()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 2 }));
        await s.Harness.ApplyAsync(config, Deadline);
        var oldId = s.Text(Address, "id");

        config = Set(config, "size_gb", 1);
        var plan = await s.Harness.PlanAsync(config, Deadline);
        var applied = await s.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
        Assert.Contains(plan.Changes[Address].RequiresReplace, p => p.ToString().Contains("size_gb", StringComparison.Ordinal));
        Assert.Equal(ChangeAction.Replace, applied.ActionOf(Address));
        var volume = Assert.Single(await s.VolumesAsync());
        Assert.NotEqual(oldId, volume["Id"]!.GetValue<string>());
        Assert.Equal(1, volume["Size"]!.GetValue<int>());
        Assert.Equal(volume["Id"]!.GetValue<string>(), s.Text(Address, "id"));
    }

    [Fact]
    public async Task Image_ChangedToAnotherImage_ReplacesTheVolume()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "boot", ["size_gb"] = 10, ["image"] = "debian-12" }));
        await s.Harness.ApplyAsync(config, Deadline);

        var plan = await s.Harness.PlanAsync(Set(config, "image", "rocky-9"), Deadline);

        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address));
    }

    [Fact]
    public async Task Import_BySiteAndByProject_EqualsTheAppliedState()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "boot", ["description"] = "from an image", ["size_gb"] = 10, ["image"] = "debian-12", ["volume_type"] = "hdd" }));
        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id");

        await s.Harness.ImportVerifyAsync(config, Address, $"toulouse/{id}", [], Deadline);
        await s.Harness.ImportVerifyAsync(config, Address, $"toulouse/{s.Tenant.ProjectId}/{id}", [], Deadline);

        // terraform import into an empty state, then plan: nothing to do.
        var fresh = new TerraformHarness(s.Harness.Options);
        await fresh.ImportAsync(config, Address, $"toulouse/{id}", Deadline);
        Assert.True((await fresh.PlanAsync(config, Deadline)).IsEmpty);
    }

    [Fact]
    public async Task Image_SameImageGivenById_UpdatesInPlaceWithoutReplacement()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "boot", ["size_gb"] = 10, ["image"] = "debian-12" }));
        await s.Harness.ApplyAsync(config, Deadline);
        var imageId = (await s.VolumeObjectAsync(s.Text(Address, "id")!))["ImageId"]!.GetValue<string>();

        var plan = await s.Harness.PlanAsync(Set(config, "image", imageId), Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
    }

    [Fact]
    public async Task Import_MalformedId_ErrorExplainsTheFormat()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ImportAsync(config, Address, "no-site-here", Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Invalid Import ID" && d.Detail.Contains("<site>/<id>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drift_VolumeDeletedBehindTerraformsBack_RefreshForgetsItAndPlanCreates()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }));
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Sim.DeleteObjectAsync("volume.volumes", s.Text(Address, "id")!);
        var plan = await s.Harness.PlanAsync(config, Deadline);

        Assert.Equal(ChangeAction.Create, plan.ActionOf(Address));
    }

    [Fact]
    public async Task Drift_VolumeResizedBehindTerraformsBack_RefreshShowsTheSize()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }));
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Sim.PatchObjectAsync("volume.volumes", s.Text(Address, "id")!, new() { ["Size"] = 4, ["Name"] = "renamed" });
        await s.Harness.RefreshAsync(config, Deadline);

        Assert.Equal(4, s.Attribute(Address, "size_gb")!.GetValue<int>());
        Assert.Equal("renamed", s.Text(Address, "name"));
        var plan = await s.Harness.PlanAsync(config, Deadline);
        Assert.Equal(ChangeAction.Replace, plan.ActionOf(Address)); // back to 1 GB is a shrink
    }

    [Fact]
    public async Task Destroy_LeavesNothingInTheSimulator()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(
            Volume("data", new() { ["name"] = "data", ["size_gb"] = 1 }),
            Volume("boot", new() { ["name"] = "boot", ["size_gb"] = 10, ["image"] = "ubuntu-24.04" }));
        await s.Harness.ApplyAsync(config, Deadline);
        Assert.Equal(2, (await s.VolumesAsync()).Count);

        await s.Harness.DestroyAsync(config, Deadline);

        Assert.Empty(await s.VolumesAsync());
        Assert.Empty(s.Harness.State.Instances);
    }

    [Fact]
    public async Task Refresh_ThreeVolumesOneAttached_OneRequestPerVolume()
    {
        await using var s = await StartAsync(fixture, "reims");
        var server = await s.CreateServerAsync("host");
        var config = s.Config(
            Volume("a", new() { ["name"] = "a", ["size_gb"] = 1 }),
            Volume("b", new() { ["name"] = "b", ["size_gb"] = 1, ["volume_type"] = "hdd" }),
            Volume("c", new() { ["name"] = "c", ["size_gb"] = 1, ["attach_to"] = server }));
        await VmTestKit.StartCountingAsync(s.Sim, "reims");
        await s.Harness.ApplyAsync(config, Deadline);
        var create = (await VmTestKit.CountsAsync(s.Sim))["all"];

        await VmTestKit.StartCountingAsync(s.Sim, "reims", ("show", "GET", "volume", "*/volumes/*"));
        await s.Harness.RefreshAsync(config, Deadline);
        var refresh = await VmTestKit.CountsAsync(s.Sim);

        await VmTestKit.StartCountingAsync(s.Sim, "reims");
        await s.Harness.DestroyAsync(config, Deadline);
        var destroy = (await VmTestKit.CountsAsync(s.Sim))["all"];
        await s.Sim.ClearFaultsAsync();

        output.WriteLine($"requests for 3 volumes: plan+create {create}, refresh {refresh["all"]}, plan+destroy {destroy}");
        Assert.Equal(3, refresh["show"]);
        Assert.InRange(refresh["all"], 3, 3 + 1); // + the token of the new provider process
        Assert.Empty(await s.VolumesAsync());
    }
}
