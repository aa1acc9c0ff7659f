using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>ImportResourceState: id -> initial state; Terraform then calls ReadResource on it.</summary>
    internal Task<ImportResult> ImportResourceStateAsync(string typeName, string id, CancellationToken cancellationToken)
        => RunAsync("ImportResourceState", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetResource(typeName, diagnostics, out var resource) || !CheckConfigured(typeName, diagnostics))
            {
                return new ImportResult([], diagnostics);
            }

            if (resource is not IResourceWithImportState importer)
            {
                diagnostics.AddError("Resource Import Not Implemented", $"{typeName} cannot be imported: it does not support import. Create it with Terraform instead.");
                return new ImportResult([], diagnostics);
            }

            var block = resource.Schema.Block;
            var response = new ImportStateResponse(ResourceData.Empty(block), new PrivateState());
            await importer.ImportStateAsync(new ImportStateRequest(id), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            if (response.Diagnostics.HasErrors)
            {
                return new ImportResult([], diagnostics);
            }

            if (!response.State.Value.IsWhollyKnown)
            {
                diagnostics.AddError("Invalid Imported State", $"{typeName} produced unknown values on import. This is a bug in the provider.");
                return new ImportResult([], diagnostics);
            }

            var state = Encode(response.State.Value, block.ImpliedType());
            return new ImportResult([new ImportedResource(typeName, state, response.Private.ToBytes())], diagnostics);
        }, d => new ImportResult([], d));
}
