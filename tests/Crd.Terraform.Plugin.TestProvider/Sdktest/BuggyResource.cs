using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary>
/// <c>sdktest_buggy</c>: misbehaves on purpose (per <c>mode</c>) so tests can prove that the SDK
/// catches provider bugs before Terraform does, turns exceptions into diagnostics, and honours
/// StopProvider.
/// </summary>
internal sealed class BuggyResource : IResource, IResourceWithModifyPlan
{
    public string TypeName => "sdktest_buggy";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true },
            new Attr("mode", CtyType.String) { Required = true, Description = "plan_changes_config, apply_inconsistent, apply_unknown, throws, slow or fine." },
            new Attr("value", CtyType.String) { Optional = true },
            new Attr("computed_value", CtyType.String) { Computed = true },
        },
    });

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (!response.Plan.IsNull && request.Config.GetString("mode") == "plan_changes_config")
        {
            response.Plan.SetString("value", "changed-by-provider");
        }

        return Task.CompletedTask;
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        state.SetString("id", "buggy-1");
        switch (request.Plan.GetString("mode"))
        {
            case "apply_inconsistent":
                state.SetString("value", (request.Plan.GetString("value") ?? "") + "-altered");
                state.SetString("computed_value", "x");
                break;
            case "apply_unknown":
                break;
            case "throws":
                throw new InvalidOperationException("deliberate failure inside the provider");
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                state.SetString("computed_value", "finished");
                break;
            default:
                state.SetString("computed_value", "x");
                break;
        }
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        response.State.SetString("computed_value", "x");
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
}
