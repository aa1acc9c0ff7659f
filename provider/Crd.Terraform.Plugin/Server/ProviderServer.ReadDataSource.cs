using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>ReadDataSource: the configuration in, the configuration with every computed value filled out.</summary>
    internal Task<StateResult> ReadDataSourceAsync(string typeName, WireValue config, CancellationToken cancellationToken)
        => RunAsync("ReadDataSource", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetDataSource(typeName, diagnostics, out var dataSource) || !CheckConfigured(typeName, diagnostics))
            {
                return new StateResult([], [], diagnostics);
            }

            var block = dataSource.Schema.Block;
            var type = block.ImpliedType();
            var configValue = Decode(config, type);
            var response = new DataSourceReadResponse(new ResourceData(block, configValue));
            await dataSource.ReadAsync(new DataSourceReadRequest(new ResourceData(block, configValue)), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            var state = response.State.Value;
            if (!state.IsWhollyKnown)
            {
                if (!diagnostics.HasErrors)
                {
                    diagnostics.AddError("Provider Returned Unknown Values", $"{typeName} left {string.Join(", ", UnknownPaths.Find(state, CtyPath.Root))} unknown. This is a bug in the provider.");
                }

                state = UnknownPaths.ReplaceWithNull(state);
            }

            return new StateResult(Encode(state, type), [], diagnostics);
        }, d => new StateResult([], [], d));
}
