using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Terraform.Plugin.Tests.Harness.SdktestFixture;

namespace Crd.Terraform.Plugin.Tests.Harness;

/// <summary>
/// Provider bugs become precise diagnostics from the SDK before Terraform would print
/// "Provider produced inconsistent result"; exceptions never leak a stack trace.
/// </summary>
public sealed class SdkSelfCheckTests
{
    private static TerraformConfiguration Buggy(string mode) => Config(new ResourceConfig("sdktest_buggy", "b", new Dictionary<string, object?> { ["mode"] = mode, ["value"] = "v" }));

    [Fact]
    public async Task ModifyPlan_ChangesConfiguredValue_SdkReportsInvalidPlanWithPath()
    {
        using var fixture = new SdktestFixture();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.PlanAsync(Buggy("plan_changes_config"), Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Provider Produced Invalid Plan", diagnostic.Summary);
        Assert.Equal("value", diagnostic.Path);
        Assert.Contains("does not match config value", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ReturnsValueDifferentFromPlan_SdkReportsInconsistentResult()
    {
        using var fixture = new SdktestFixture();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.ApplyAsync(Buggy("apply_inconsistent"), Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Provider Produced Inconsistent Result" && d.Path == "value");
    }

    [Fact]
    public async Task Apply_LeavesComputedUnknown_SdkReportsAndStoresNull()
    {
        using var fixture = new SdktestFixture();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.ApplyAsync(Buggy("apply_unknown"), Deadline));

        Assert.Contains(error.Diagnostics, d => d.Summary == "Provider Returned Unknown Values After Apply" && d.Detail.Contains("computed_value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_Throws_BecomesDiagnosticWithoutStackTrace()
    {
        using var fixture = new SdktestFixture();

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.ApplyAsync(Buggy("throws"), Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Unexpected Provider Error", diagnostic.Summary);
        Assert.Contains("deliberate failure inside the provider", diagnostic.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", diagnostic.Detail, StringComparison.Ordinal);
        Assert.Null(fixture.Harness.State.Get("sdktest_buggy.b"));
    }

    [Fact]
    public async Task StopProvider_DuringSlowCreate_CancelsAndReturnsAtOnce()
    {
        using var fixture = new SdktestFixture();
        var config = Buggy("slow");
        await using var session = await ProviderSession.StartAsync(fixture.Harness.Options, config.Provider, configure: true, Deadline);
        var block = session.Schemas.Resources["sdktest_buggy"].Block;
        var configValue = ConfigDecoder.DecodeBody(block, config.Resources[0].Body, _ => throw new InvalidOperationException(), "b");
        var nullState = CtyValue.Null(block.ImpliedType());
        var plan = await session.Client.PlanResourceChangeAsync("sdktest_buggy", nullState, configValue, configValue, [], Deadline);
        var started = DateTime.UtcNow;

        var apply = session.Client.ApplyResourceChangeAsync("sdktest_buggy", nullState, plan.PlannedState, configValue, [], Deadline);
        await Task.Delay(500);
        await session.Client.StopProviderAsync(Deadline);
        var result = await apply;

        Assert.Contains(result.Diagnostics, d => d.Summary == "Operation Cancelled");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(50), "the 60 s create was not cancelled");
    }

    [Fact]
    public async Task UpgradeResourceState_FromVersion0_ConvertsTypes()
    {
        using var fixture = new SdktestFixture();
        await using var session = await ProviderSession.StartAsync(fixture.Harness.Options, Config().Provider, configure: true, Deadline);

        var upgraded = await session.Client.UpgradeResourceStateAsync("sdktest_thing", 0, """{"id":"thing-1","name":"old","size":"42","tags_csv":"a=1,b=2"}""", Deadline);

        Assert.DoesNotContain(upgraded.Diagnostics, d => d.IsError);
        Assert.Equal(CtyValue.Number(42), upgraded.State.GetAttribute("size"));
        Assert.Equal("1", upgraded.State.GetAttribute("tags").MapEntries["a"].AsString());
        Assert.Equal("thing-1", upgraded.State.GetAttribute("id").AsString());
    }

    [Fact]
    public async Task UpgradeResourceState_SameVersionWithRemovedAttribute_IgnoresIt()
    {
        using var fixture = new SdktestFixture();
        await using var session = await ProviderSession.StartAsync(fixture.Harness.Options, Config().Provider, configure: true, Deadline);

        var upgraded = await session.Client.UpgradeResourceStateAsync("sdktest_thing", 1, """{"id":"thing-1","name":"n","attribute_from_older_release":"x"}""", Deadline);

        Assert.DoesNotContain(upgraded.Diagnostics, d => d.IsError);
        Assert.Equal("n", upgraded.State.GetAttribute("name").AsString());
        Assert.True(upgraded.State.GetAttribute("size").IsNull);
    }

    [Fact]
    public async Task UpgradeResourceState_BadStoredValue_ErrorNamesAttribute()
    {
        using var fixture = new SdktestFixture();
        await using var session = await ProviderSession.StartAsync(fixture.Harness.Options, Config().Provider, configure: true, Deadline);

        var upgraded = await session.Client.UpgradeResourceStateAsync("sdktest_thing", 0, """{"id":"thing-1","name":"old","size":"big"}""", Deadline);

        Assert.Contains(upgraded.Diagnostics, d => d.IsError && d.Path == "size" && d.Detail.Contains("\"big\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EphemeralResource_OpenAndClose_ReturnsValueAndPassesPrivateToClose()
    {
        using var fixture = new SdktestFixture();
        await using var session = await ProviderSession.StartAsync(fixture.Harness.Options, Config().Provider, configure: true, Deadline);
        var block = session.Schemas.EphemeralResources["sdktest_token"].Block;
        Assert.True(block.FindAttribute("token")!.Sensitive);

        var opened = await session.Client.OpenAndCloseEphemeralAsync("sdktest_token", ConfigDecoder.DecodeBody(block, new Dictionary<string, object?> { ["name"] = "ci" }, _ => throw new InvalidOperationException(), "t"), Deadline);

        Assert.DoesNotContain(opened.Diagnostics, d => d.IsError);
        Assert.Equal("tok-ci", opened.State.GetAttribute("token").AsString());
    }

    [Fact]
    public async Task Validate_BadValues_DiagnosticsCarryAttributePaths()
    {
        using var fixture = new SdktestFixture();
        var config = Config(Thing("a", new()
        {
            ["name"] = "",
            ["zone"] = "z",
            ["size"] = 5000,
            ["description"] = "old",
            ["disk"] = new[] { new Dictionary<string, object?> { ["size_gb"] = 1 } },
        }));

        var diagnostics = await fixture.Harness.ValidateAsync(config, Deadline);

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "name" && d.Summary == "Invalid Attribute Value");
        Assert.Contains(diagnostics, d => d.IsError && d.Path == "zone" && d.Detail.Contains("\"z\"", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.IsError && d.Path == "size");
        Assert.Contains(diagnostics, d => !d.IsError && d.Path == "description" && d.Summary == "Attribute Deprecated");
    }

    [Fact]
    public async Task ProviderConfigure_Rejected_ErrorHasPath()
    {
        using var fixture = new SdktestFixture();
        var config = new TerraformConfiguration { Provider = new Dictionary<string, object?> { ["api_key"] = "wrong" } };

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => fixture.Harness.PlanAsync(config, Deadline));

        Assert.Contains(error.Diagnostics, d => d.Path == "api_key" && d.Summary == "Invalid API Key");
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }
}
