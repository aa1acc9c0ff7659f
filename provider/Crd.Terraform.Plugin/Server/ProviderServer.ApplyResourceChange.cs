using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>
    /// ApplyResourceChange: create (prior null), update, or delete (planned null). A create that
    /// fails after the remote object exists returns the partial state with the error, so
    /// Terraform taints the object instead of orphaning it. Results are checked against
    /// Terraform's consistency rules before they leave.
    /// </summary>
    internal Task<StateResult> ApplyResourceChangeAsync(string typeName, WireValue priorState, WireValue plannedState, WireValue config, ReadOnlyMemory<byte> plannedPrivate, CancellationToken cancellationToken)
        => RunAsync("ApplyResourceChange", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetResource(typeName, diagnostics, out var resource) || !CheckConfigured(typeName, diagnostics))
            {
                return new StateResult([], [], diagnostics);
            }

            var block = resource.Schema.Block;
            var type = block.ImpliedType();
            var prior = Decode(priorState, type);
            var planned = Decode(plannedState, type);
            var configValue = Decode(config, type);
            var @private = ParsePrivate(plannedPrivate, diagnostics);

            if (planned.IsNull)
            {
                var deleteResponse = new DeleteResponse();
                await resource.DeleteAsync(new DeleteRequest(new ResourceData(block, prior), @private), deleteResponse, ct).ConfigureAwait(false);
                diagnostics.AddRange(deleteResponse.Diagnostics);

                // A failed delete keeps the object in state so that it can be retried.
                var remaining = deleteResponse.Diagnostics.HasErrors ? prior : CtyValue.Null(type);
                return new StateResult(Encode(remaining, type), deleteResponse.Diagnostics.HasErrors ? @private.ToBytes() : [], diagnostics);
            }

            CtyValue result;
            bool touched;
            if (prior.IsNull)
            {
                var response = new CreateResponse(new ResourceData(block, planned), @private);
                await resource.CreateAsync(new CreateRequest(new ResourceData(block, configValue), new ResourceData(block, planned), @private), response, ct).ConfigureAwait(false);
                diagnostics.AddRange(response.Diagnostics);
                result = response.State.Value;
                touched = response.State.IsModified;
                if (response.Diagnostics.HasErrors && !touched)
                {
                    // Nothing was created: no state to keep.
                    return new StateResult(EncodeNull(block), [], diagnostics);
                }
            }
            else
            {
                var response = new UpdateResponse(new ResourceData(block, planned), @private);
                await resource.UpdateAsync(new UpdateRequest(new ResourceData(block, configValue), new ResourceData(block, planned), new ResourceData(block, prior), @private), response, ct).ConfigureAwait(false);
                diagnostics.AddRange(response.Diagnostics);
                result = response.State.Value;
                touched = true;
                if (response.Diagnostics.HasErrors && !response.State.IsModified)
                {
                    // The update did not happen: the prior state still describes the object.
                    return new StateResult(Encode(prior, type), @private.ToBytes(), diagnostics);
                }
            }

            result = PlanPipeline.NullWriteOnly(block, result);
            result = FinishAppliedState(typeName, block, planned, result, checkConsistency: !diagnostics.HasErrors && touched, diagnostics);
            return new StateResult(Encode(result, type), @private.ToBytes(), diagnostics);
        }, d => new StateResult([], [], d));

    /// <summary>
    /// Enforces "all values must be known after apply" (replacing stragglers with null so the
    /// state stays usable) and, on success, Terraform's AssertObjectCompatible.
    /// </summary>
    private static CtyValue FinishAppliedState(string typeName, Block block, CtyValue planned, CtyValue result, bool checkConsistency, DiagnosticCollection diagnostics)
    {
        if (!result.IsWhollyKnown)
        {
            if (checkConsistency)
            {
                var paths = UnknownPaths.Find(result, CtyPath.Root).Select(p => p.ToString());
                diagnostics.AddError("Provider Returned Unknown Values After Apply",
                    $"{typeName} left these attributes unknown after apply: {string.Join(", ", paths)}. They are stored as null. This is a bug in the provider; please report it.");
            }

            result = UnknownPaths.ReplaceWithNull(result);
        }

        if (checkConsistency)
        {
            foreach (var error in ApplyConsistency.Check(block, planned, result))
            {
                diagnostics.AddAttributeError(error.Path, "Provider Produced Inconsistent Result",
                    $"After apply, {typeName}.{error.Path} does not match the plan: {error.Message}. This is a bug in the provider; Terraform would have reported \"Provider produced inconsistent result after apply\". Please report it.");
            }
        }

        return result;
    }
}
