using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>ReadResource: refresh; a null new state tells Terraform the object is gone.</summary>
    internal Task<StateResult> ReadResourceAsync(string typeName, WireValue currentState, ReadOnlyMemory<byte> @private, CancellationToken cancellationToken)
        => RunAsync("ReadResource", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetResource(typeName, diagnostics, out var resource) || !CheckConfigured(typeName, diagnostics))
            {
                return new StateResult([], [], diagnostics);
            }

            var block = resource.Schema.Block;
            var type = block.ImpliedType();
            var current = Decode(currentState, type);
            var privateState = ParsePrivate(@private, diagnostics);
            if (current.IsNull)
            {
                return new StateResult(EncodeNull(block), privateState.ToBytes(), diagnostics);
            }

            var response = new ReadResponse(new ResourceData(block, current), privateState);
            await resource.ReadAsync(new ReadRequest(new ResourceData(block, current), privateState), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            if (response.Removed)
            {
                return new StateResult(EncodeNull(block), [], diagnostics);
            }

            var state = PlanPipeline.NullWriteOnly(block, response.State.Value);
            if (!state.IsWhollyKnown)
            {
                diagnostics.AddError("Provider Returned Unknown Values On Read",
                    $"{typeName} returned unknown values for {string.Join(", ", UnknownPaths.Find(state, CtyPath.Root))} while refreshing; they are stored as null. This is a bug in the provider.");
                state = UnknownPaths.ReplaceWithNull(state);
            }

            return new StateResult(Encode(state, type), privateState.ToBytes(), diagnostics);
        }, d => new StateResult([], [], d));
}
