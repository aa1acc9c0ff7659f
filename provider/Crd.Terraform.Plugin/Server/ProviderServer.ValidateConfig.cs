using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>ValidateProviderConfig (v5: PrepareProviderConfig).</summary>
    internal Task<DiagnosticCollection> ValidateProviderConfigAsync(WireValue config, CancellationToken cancellationToken)
        => RunAsync("ValidateProviderConfig", _provider.TypeName, cancellationToken, async (diagnostics, ct) =>
        {
            var block = _provider.Schema.Block;
            var value = Decode(config, block.ImpliedType());
            ConfigValidation.Validate(block, value, writeOnlyAllowed: true, diagnostics);
            if (_provider is IProviderWithValidateConfig validating)
            {
                var response = new ValidateConfigResponse();
                await validating.ValidateConfigAsync(new ValidateConfigRequest(new ResourceData(block, value)), response, ct).ConfigureAwait(false);
                diagnostics.AddRange(response.Diagnostics);
            }

            return diagnostics;
        }, d => d);

    /// <summary>ValidateResourceConfig (v5: ValidateResourceTypeConfig).</summary>
    internal Task<DiagnosticCollection> ValidateResourceConfigAsync(string typeName, WireValue config, bool writeOnlyAllowed, CancellationToken cancellationToken)
        => RunAsync("ValidateResourceConfig", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetResource(typeName, diagnostics, out var resource))
            {
                return diagnostics;
            }

            await ValidateAsync(resource.Schema.Block, config, writeOnlyAllowed, resource as IResourceWithValidateConfig, diagnostics, ct).ConfigureAwait(false);
            return diagnostics;
        }, d => d);

    /// <summary>ValidateDataResourceConfig (v5: ValidateDataSourceConfig).</summary>
    internal Task<DiagnosticCollection> ValidateDataResourceConfigAsync(string typeName, WireValue config, CancellationToken cancellationToken)
        => RunAsync("ValidateDataResourceConfig", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetDataSource(typeName, diagnostics, out var dataSource))
            {
                return diagnostics;
            }

            await ValidateAsync(dataSource.Schema.Block, config, true, dataSource as IResourceWithValidateConfig, diagnostics, ct).ConfigureAwait(false);
            return diagnostics;
        }, d => d);

    /// <summary>ValidateEphemeralResourceConfig.</summary>
    internal Task<DiagnosticCollection> ValidateEphemeralResourceConfigAsync(string typeName, WireValue config, CancellationToken cancellationToken)
        => RunAsync("ValidateEphemeralResourceConfig", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetEphemeralResource(typeName, diagnostics, out var ephemeral))
            {
                return diagnostics;
            }

            await ValidateAsync(ephemeral.Schema.Block, config, true, ephemeral as IResourceWithValidateConfig, diagnostics, ct).ConfigureAwait(false);
            return diagnostics;
        }, d => d);

    private static async Task ValidateAsync(Block block, WireValue config, bool writeOnlyAllowed, IResourceWithValidateConfig? custom, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        var value = Decode(config, block.ImpliedType());
        ConfigValidation.Validate(block, value, writeOnlyAllowed, diagnostics);
        if (custom is not null)
        {
            var response = new ValidateConfigResponse();
            await custom.ValidateConfigAsync(new ValidateConfigRequest(new ResourceData(block, value)), response, cancellationToken).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
        }
    }
}
