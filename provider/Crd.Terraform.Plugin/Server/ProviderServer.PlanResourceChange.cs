using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Server.Consistency;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>
    /// PlanResourceChange: proposed -> defaults -> null write-only -> computed-and-unset becomes
    /// unknown (when anything changes) -> plan modifiers -> resource ModifyPlan -> self-check
    /// against Terraform's plan validity rules. Destroy plans (proposed null) stay null.
    /// </summary>
    internal Task<PlanResult> PlanResourceChangeAsync(string typeName, WireValue priorState, WireValue proposedNewState, WireValue config, ReadOnlyMemory<byte> priorPrivate, CancellationToken cancellationToken)
        => RunAsync("PlanResourceChange", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetResource(typeName, diagnostics, out var resource))
            {
                return new PlanResult([], [], [], diagnostics);
            }

            var block = resource.Schema.Block;
            var type = block.ImpliedType();
            var prior = Decode(priorState, type);
            var proposed = Decode(proposedNewState, type);
            var configValue = Decode(config, type);
            var @private = ParsePrivate(priorPrivate, diagnostics);
            var requiresReplace = new List<CtyPath>();

            if (proposed.IsNull)
            {
                // Destroy: nothing to plan, but ModifyPlan may still warn or refuse.
                if (resource is IResourceWithModifyPlan destroyModifier && _configured)
                {
                    var destroyResponse = new ModifyPlanResponse(ResourceData.Null(block), @private);
                    await destroyModifier.ModifyPlanAsync(new ModifyPlanRequest(new ResourceData(block, configValue), new ResourceData(block, prior), @private), destroyResponse, ct).ConfigureAwait(false);
                    diagnostics.AddRange(destroyResponse.Diagnostics);
                }

                return new PlanResult(EncodeNull(block), [], @private.ToBytes(), diagnostics);
            }

            var planned = PlanPipeline.ApplyDefaults(block, configValue, prior, proposed);
            planned = PlanPipeline.NullWriteOnly(block, planned);
            if (prior.IsNull || !planned.EqualsIgnoringRefinements(prior))
            {
                planned = PlanPipeline.MarkComputedNullsUnknown(block, configValue, prior, planned);
            }

            planned = PlanPipeline.RunPlanModifiers(block, configValue, prior, planned, requiresReplace, diagnostics);

            if (resource is IResourceWithModifyPlan modifier && !diagnostics.HasErrors)
            {
                var response = new ModifyPlanResponse(new ResourceData(block, planned), @private);
                foreach (var path in requiresReplace)
                {
                    // Pre-filled so that ModifyPlan can see (and override) what attribute modifiers decided.
                    response.RequiresReplace.Add(path);
                }

                await modifier.ModifyPlanAsync(new ModifyPlanRequest(new ResourceData(block, configValue), new ResourceData(block, prior), @private), response, ct).ConfigureAwait(false);
                diagnostics.AddRange(response.Diagnostics);
                planned = response.Plan.Value;
                requiresReplace = [.. response.RequiresReplace.Distinct()];
            }

            // Self-check: a plan Terraform would reject is our bug; say so precisely.
            foreach (var error in PlanValidity.Check(block, prior, configValue, planned))
            {
                diagnostics.AddAttributeError(error.Path, "Provider Produced Invalid Plan",
                    $"The provider planned an invalid value for {typeName}.{error.Path}: {error.Message}. This is a bug in the provider; Terraform would have rejected this plan. Please report it.");
            }

            IReadOnlyList<CtyPath> replace = [];
            if (!prior.IsNull)
            {
                // Terraform rejects a requires_replace path that names nothing; say so first.
                var checkedPaths = RequiresReplacePaths.Check(block, prior, planned, requiresReplace);
                replace = checkedPaths.Paths;
                foreach (var error in checkedPaths.Errors)
                {
                    diagnostics.AddAttributeError(error.Path, "Provider Produced Invalid Plan", $"{typeName}: {error.Message}. This is a bug in the provider.");
                }
            }

            return new PlanResult(Encode(planned, type), replace, @private.ToBytes(), diagnostics);
        }, d => new PlanResult([], [], [], d));
}
