using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>ConfigureProvider (v5: Configure): configures the provider, then hands its data to every component.</summary>
    internal Task<DiagnosticCollection> ConfigureProviderAsync(string terraformVersion, WireValue config, CancellationToken cancellationToken)
        => RunAsync("ConfigureProvider", _provider.TypeName, cancellationToken, async (diagnostics, ct) =>
        {
            var block = _provider.Schema.Block;
            var value = Decode(config, block.ImpliedType());
            var response = new ProviderConfigureResponse();
            await _provider.ConfigureAsync(new ProviderConfigureRequest(new ResourceData(block, value), terraformVersion), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            if (response.Diagnostics.HasErrors)
            {
                return diagnostics;
            }

            _providerData = response.ProviderData;
            foreach (var component in _resources.Values.Cast<object>().Concat(_dataSources.Values).Concat(_ephemeralResources.Values))
            {
                if (component is IResourceWithConfigure configurable)
                {
                    configurable.Configure(_providerData);
                }
            }

            _configured = true;
            return diagnostics;
        }, d => d);
}
