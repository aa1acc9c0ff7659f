using System.Text.Json.Nodes;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Terraform.Plugin.Tests.Harness.SdktestFixture;

namespace Crd.Terraform.Plugin.Tests.Harness;

/// <summary>
/// The SDK end to end: the sdktest provider binary driven by the Terraform-faithful harness
/// over the real protocol, through every step of a resource's life.
/// </summary>
public sealed class SdkLifecycleTests
{
    private static Dictionary<string, object?> FullThing() => new()
    {
        ["name"] = "alpha",
        ["tags"] = new Dictionary<string, object?> { ["env"] = "dev" },
        ["labels"] = new[] { "x", "y" },
        ["ports"] = new object[] { 80, 443 },
        ["enabled"] = true,
        ["password"] = "hunter2",
        ["secret_wo"] = "write-only-secret",
        ["payload"] = new Dictionary<string, object?> { ["any"] = "thing", ["n"] = 1 },
        ["zone"] = "a",
        ["network"] = new Dictionary<string, object?> { ["cidr"] = "10.0.0.0/24" },
        ["disk"] = new[] { new Dictionary<string, object?> { ["size_gb"] = 10 }, new Dictionary<string, object?> { ["size_gb"] = 20, ["type"] = "hdd" } },
        ["rule"] = new[] { new Dictionary<string, object?> { ["port"] = 22 }, new Dictionary<string, object?> { ["port"] = 443, ["protocol"] = "tcp" } },
        ["meta"] = new Dictionary<string, object?> { ["k"] = new Dictionary<string, object?> { ["value"] = "v" } },
        ["settings"] = new Dictionary<string, object?> { ["verbose"] = true },
    };

    [Theory]
    [InlineData("5,6", 6)]
    [InlineData("5", 5)]
    public async Task Thing_FullLifecycle_FollowsTerraformRules(string offered, int expectedProtocol)
    {
        using var fixture = new SdktestFixture(offered);
        var tf = fixture.Harness;
        var config = Config(Thing("a", FullThing()));

        // Validate: no errors.
        Assert.DoesNotContain(await tf.ValidateAsync(config, Deadline), d => d.IsError);

        // Create: defaults planned, computed values known after apply.
        var plan = await tf.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Create, plan.ActionOf("sdktest_thing.a"));
        var planned = plan.Changes["sdktest_thing.a"].Planned;
        Assert.Equal(CtyValue.Number(10), planned.GetAttribute("size"));
        Assert.False(planned.GetAttribute("id").IsKnown);
        Assert.True(planned.GetAttribute("secret_wo").IsNull);
        var state = await tf.ReadStateValueAsync(config, "sdktest_thing.a", Deadline);
        var id = state.GetAttribute("id").AsString();
        Assert.StartsWith("thing-", id);
        Assert.Equal("nvme", state.GetAttribute("disk").Elements[0].GetAttribute("type").AsString());
        Assert.Equal("hdd", state.GetAttribute("disk").Elements[1].GetAttribute("type").AsString());
        Assert.Equal("10.0.0.1", state.GetAttribute("network").GetAttribute("gateway").AsString());
        Assert.Equal(1, fixture.StoredObjects);

        // Write-only: sent to the provider, never stored in state.
        Assert.DoesNotContain("write-only-secret", tf.State.Get("sdktest_thing.a")!.AttributesJson, StringComparison.Ordinal);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.StoreDirectory, id + ".json")))!;
        Assert.True(stored["secret_received"]!.GetValue<bool>());

        // Refresh then plan: empty.
        Assert.True((await tf.PlanAsync(config, Deadline)).IsEmpty);

        // Update in place: name; revision becomes unknown then bumps; id kept (UseStateForUnknown).
        var renamed = config.With("sdktest_thing.a", b => { b["name"] = "beta"; return b; });
        plan = await tf.ApplyAsync(renamed, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf("sdktest_thing.a"));
        Assert.Equal(id, plan.Changes["sdktest_thing.a"].Planned.GetAttribute("id").AsString());
        Assert.False(plan.Changes["sdktest_thing.a"].Planned.GetAttribute("revision").IsKnown);
        state = await tf.ReadStateValueAsync(renamed, "sdktest_thing.a", Deadline);
        Assert.Equal(CtyValue.Number(2), state.GetAttribute("revision"));
        Assert.True((await tf.PlanAsync(renamed, Deadline)).IsEmpty);

        // Grow in place, shrink replaces (RequiresReplaceIf), zone change replaces (RequiresReplace).
        var grown = renamed.With("sdktest_thing.a", b => { b["size"] = 20; return b; });
        Assert.Equal(ChangeAction.Update, (await tf.ApplyAsync(grown, Deadline)).ActionOf("sdktest_thing.a"));
        var shrunk = grown.With("sdktest_thing.a", b => { b["size"] = 5; return b; });
        plan = await tf.ApplyAsync(shrunk, Deadline);
        Assert.Equal(ChangeAction.Replace, plan.ActionOf("sdktest_thing.a"));
        Assert.Contains(plan.Changes["sdktest_thing.a"].RequiresReplace, p => p.ToString() == "size");
        var newId = (await tf.ReadStateValueAsync(shrunk, "sdktest_thing.a", Deadline)).GetAttribute("id").AsString();
        Assert.NotEqual(id, newId);
        Assert.Equal(1, fixture.StoredObjects);
        var rezoned = shrunk.With("sdktest_thing.a", b => { b["zone"] = "b"; return b; });
        Assert.Equal(ChangeAction.Replace, (await tf.ApplyAsync(rezoned, Deadline)).ActionOf("sdktest_thing.a"));
        Assert.True((await tf.PlanAsync(rezoned, Deadline)).IsEmpty);

        // Import produces exactly the applied state (write-only attributes are null in both).
        newId = (await tf.ReadStateValueAsync(rezoned, "sdktest_thing.a", Deadline)).GetAttribute("id").AsString();
        await tf.ImportVerifyAsync(rezoned, "sdktest_thing.a", newId, [], Deadline);

        // Drift: the object disappears behind Terraform's back; the plan recreates it.
        File.Delete(Path.Combine(fixture.StoreDirectory, newId + ".json"));
        Assert.Equal(ChangeAction.Create, (await tf.PlanAsync(rezoned, Deadline)).ActionOf("sdktest_thing.a"));
        await tf.ApplyAsync(rezoned, Deadline);
        Assert.Equal(1, fixture.StoredObjects);

        // Destroy: nothing left behind.
        Assert.Equal(ChangeAction.Delete, (await tf.DestroyAsync(rezoned, Deadline)).ActionOf("sdktest_thing.a"));
        Assert.Empty(tf.State.Instances);
        Assert.Equal(0, fixture.StoredObjects);
        Assert.Equal(expectedProtocol, offered == "5" ? 5 : 6);
    }

    [Fact]
    public async Task Thing_DriftInAttribute_RefreshShowsUpdate()
    {
        using var fixture = new SdktestFixture();
        var config = Config(Thing("a", new() { ["name"] = "alpha" }));
        await fixture.Harness.ApplyAsync(config, Deadline);
        var id = (await fixture.Harness.ReadStateValueAsync(config, "sdktest_thing.a", Deadline)).GetAttribute("id").AsString();
        var file = Path.Combine(fixture.StoreDirectory, id + ".json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"alpha\"", "\"changed-outside\"", StringComparison.Ordinal));

        var plan = await fixture.Harness.PlanAsync(config, Deadline);

        Assert.Equal(ChangeAction.Update, plan.ActionOf("sdktest_thing.a"));
        Assert.Equal("changed-outside", plan.Changes["sdktest_thing.a"].Prior.GetAttribute("name").AsString());
    }

    [Fact]
    public async Task Thing_CreateFailsAfterObjectExists_StateKeepsTaintedObjectAndNextPlanReplaces()
    {
        using var fixture = new SdktestFixture();
        var config = Config(Thing("a", new() { ["name"] = "alpha", ["fail_after_create"] = true }));

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.ApplyAsync(config, Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Thing Failed After Create");
        var instance = fixture.Harness.State.Get("sdktest_thing.a");
        Assert.NotNull(instance);
        Assert.True(instance.Tainted);
        Assert.Equal(1, fixture.StoredObjects);
        var fixedConfig = config.With("sdktest_thing.a", b => { b.Remove("fail_after_create"); return b; });
        var plan = await fixture.Harness.ApplyAsync(fixedConfig, Deadline);
        Assert.Equal(ChangeAction.Replace, plan.ActionOf("sdktest_thing.a"));
        Assert.Equal(1, fixture.StoredObjects);
        Assert.False(fixture.Harness.State.Get("sdktest_thing.a")!.Tainted);
    }

    [Fact]
    public async Task DataSource_ReferencingUnknownId_IsReadAtApply()
    {
        using var fixture = new SdktestFixture();
        var config = Config(
            Thing("a", new() { ["name"] = "alpha" }),
            new ResourceConfig("sdktest_echo", "e", new Dictionary<string, object?> { ["input"] = new Ref("sdktest_thing.a", "id") }, IsData: true));

        var plan = await fixture.Harness.ApplyAsync(config, Deadline);

        Assert.Equal(ChangeAction.Read, plan.ActionOf("data.sdktest_echo.e"));
        var replan = await fixture.Harness.PlanAsync(config, Deadline);
        Assert.True(replan.IsEmpty);
        var echo = replan.Changes["data.sdktest_echo.e"].Planned.GetAttribute("output").AsString();
        Assert.StartsWith("p-THING-", echo);
    }

    [Fact]
    public async Task ManyThings_ApplyInParallel_AllCreatedAndDestroyed()
    {
        using var fixture = new SdktestFixture();
        var things = Enumerable.Range(0, 15).Select(i => Thing($"t{i}", new() { ["name"] = $"n{i}" })).ToArray();
        var config = Config(things);

        await fixture.Harness.ApplyAsync(config, Deadline);
        Assert.Equal(15, fixture.StoredObjects);
        Assert.True((await fixture.Harness.PlanAsync(config, Deadline)).IsEmpty);
        await fixture.Harness.DestroyAsync(config, Deadline);
        Assert.Equal(0, fixture.StoredObjects);
    }

    [Fact]
    public async Task RemovedFromConfig_PlansDelete()
    {
        using var fixture = new SdktestFixture();
        var config = Config(Thing("a", new() { ["name"] = "alpha" }), Thing("b", new() { ["name"] = "beta" }));
        await fixture.Harness.ApplyAsync(config, Deadline);

        var plan = await fixture.Harness.ApplyAsync(config.Without("sdktest_thing.b"), Deadline);

        Assert.Equal(ChangeAction.Delete, plan.ActionOf("sdktest_thing.b"));
        Assert.Equal(1, fixture.StoredObjects);
    }
}
