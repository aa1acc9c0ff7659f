using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VolumeScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_volume attached to crd_vm in one configuration: <c>attach_to = crd_vm.x.id</c> is unknown
/// while planning and known when the volume is applied, as in Terraform; destroy runs in reverse
/// dependency order and leaves nothing behind.
/// </summary>
public sealed class VolumeWithVmTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string Address = "crd_volume.data";

    private static ResourceConfig Vm(string name) => new("crd_vm", name, new Dictionary<string, object?> { ["name"] = name, ["flavor"] = "m1.tiny", ["image"] = "debian-12" });

    [Fact]
    public async Task AttachTo_CrdVmId_UnknownAtPlanAttachedAtApplyMovedThenDestroyed()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Vm("a"), Vm("b"), Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = new Ref("crd_vm.a", "id") }));

        var plan = await s.Harness.PlanAsync(config, Deadline);
        var planned = plan.Changes[Address].Planned;
        Assert.False(planned.GetAttribute("attach_to").IsKnown);
        Assert.False(planned.GetAttribute("device").IsKnown);

        await s.Harness.ApplyAsync(config, Deadline);
        var id = s.Text(Address, "id")!;
        var a = s.Text("crd_vm.a", "id")!;
        var b = s.Text("crd_vm.b", "id")!;
        Assert.Equal(a, s.Text(Address, "attach_to"));
        Assert.Equal("in-use", s.Text(Address, "status"));
        Assert.Equal([id], await s.NovaAttachmentsAsync(a));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);

        config = config.With(Address, body =>
        {
            body["attach_to"] = new Ref("crd_vm.b", "id");
            return body;
        });
        Assert.Equal(ChangeAction.Update, (await s.Harness.ApplyAsync(config, Deadline)).ActionOf(Address));
        Assert.Empty(await s.NovaAttachmentsAsync(a));
        Assert.Equal([id], await s.NovaAttachmentsAsync(b));

        await s.Harness.DestroyAsync(config, Deadline);
        Assert.Empty(await s.VolumesAsync());
        Assert.Empty(await s.Sim.ListObjectsAsync("compute.servers", s.Tenant));
    }

    [Fact]
    public async Task AttachTo_VmReplaced_VolumeFollowsTheNewVm()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Vm("a"), Volume("data", new() { ["name"] = "data", ["size_gb"] = 1, ["attach_to"] = new Ref("crd_vm.a", "id") }));
        await s.Harness.ApplyAsync(config, Deadline);
        var oldVm = s.Text("crd_vm.a", "id")!;

        // A new image replaces the VM: the volume's attach_to becomes unknown and follows it.
        config = config.With("crd_vm.a", body =>
        {
            body["image"] = "rocky-9";
            return body;
        });
        await s.Harness.ApplyAsync(config, Deadline);

        var newVm = s.Text("crd_vm.a", "id")!;
        Assert.NotEqual(oldVm, newVm);
        Assert.Equal(newVm, s.Text(Address, "attach_to"));
        Assert.Equal([s.Text(Address, "id")!], await s.NovaAttachmentsAsync(newVm));
        Assert.True((await s.Harness.PlanAsync(config, Deadline)).IsEmpty);
        await s.Harness.DestroyAsync(config, Deadline);
        Assert.Empty(await s.VolumesAsync());
    }
}
