using Crd.Cloud.Compute;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VolumeScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_volume's <c>attach_to</c> against a real crd-sim: attach, move, online grow, detach and
/// destroy while attached, each checked on both sides (Nova's attachment list and Cinder).
/// </summary>
public sealed class VolumeAttachTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_volume.data";

    private static TerraformConfiguration Set(TerraformConfiguration config, string name, object? value)
        => config.With(Address, body =>
        {
            body[name] = value;
            return body;
        });

    [Fact]
    public async Task AttachTo_AttachMoveGrowDetach_NovaAndCinderAgreeAfterEachApply()
    {
        await using var s = await StartAsync(fixture);
        var first = await s.CreateServerAsync("first");
        var second = await s.CreateServerAsync("second");
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = first }));

        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id")!;
        Assert.Equal("in-use", s.Text(Address, "status"));
        Assert.Equal("/dev/vdb", s.Text(Address, "device"));
        Assert.Equal([id], await s.NovaAttachmentsAsync(first));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        config = Set(config, "attach_to", second);
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Empty(await s.NovaAttachmentsAsync(first));
        Assert.Equal([id], await s.NovaAttachmentsAsync(second));
        Assert.Equal(second, (await s.VolumeObjectAsync(id))["Attachments"]![0]!["ServerId"]!.GetValue<string>());
        Assert.Equal("in-use", s.Text(Address, "status"));

        config = Set(config, "size_gb", 2);
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        var grown = await s.VolumeObjectAsync(id);
        Assert.Equal(2, grown["Size"]!.GetValue<int>());
        Assert.Equal("in-use", grown["Status"]!.GetValue<string>()); // extended online, never detached
        Assert.Equal([id], await s.NovaAttachmentsAsync(second));

        config = Set(config, "attach_to", null);
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Empty(await s.NovaAttachmentsAsync(second));
        Assert.Equal("available", s.Text(Address, "status"));
        Assert.Null(s.Text(Address, "device"));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
        Assert.Equal(id, s.Text(Address, "id"));
    }

    [Fact]
    public async Task AttachTo_RenameWhileAttached_PlanKeepsStatusAndDeviceKnown()
    {
        await using var s = await StartAsync(fixture);
        var server = await s.CreateServerAsync("host");
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = server }));
        await s.Harness.ApplyAsync(config, Deadline);

        var plan = await s.Harness.PlanAsync(Set(config, "name", "renamed"), Deadline);

        var planned = plan.Changes[Address].Planned;
        Assert.Equal("in-use", planned.GetAttribute("status").AsString());
        Assert.Equal("/dev/vdb", planned.GetAttribute("device").AsString());
    }

    [Fact]
    public async Task Destroy_AttachedVolume_DetachesThenDeletes()
    {
        await using var s = await StartAsync(fixture);
        var server = await s.CreateServerAsync("host");
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = server }));
        await s.Harness.ApplyAsync(config, Deadline);

        await s.Harness.DestroyAsync(config, Deadline);

        Assert.Empty(await s.VolumesAsync());
        Assert.Empty(await s.NovaAttachmentsAsync(server));
    }

    [Fact]
    public async Task Drift_DetachedBehindTerraformsBack_RefreshShowsItAndApplyReattaches()
    {
        await using var s = await StartAsync(fixture);
        var server = await s.CreateServerAsync("host");
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = server }));
        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id")!;

        await new VolumeAttachmentClient(s.Api).DetachAsync(server, id, Deadline);
        await s.Harness.RefreshAsync(config, Deadline);
        Assert.Null(s.Text(Address, "attach_to"));

        var plan = await s.Harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(Address));
        Assert.Equal(server, s.Text(Address, "attach_to"));
        Assert.Equal([id], await s.NovaAttachmentsAsync(server));
    }

    [Fact]
    public async Task AttachTo_ServerThatDoesNotExist_ApplyFailsWithNovasMessageAndKeepsTheVolume()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = Guid.NewGuid().ToString() }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => s.Harness.ApplyAsync(config, Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Volume Create Failed" && d.Detail.Contains("404", StringComparison.Ordinal));
        Assert.True(s.Harness.State.Get(Address)!.Tainted);
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.Empty(await s.VolumesAsync());
    }
}
