using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>OpenEphemeralResource.</summary>
    internal Task<EphemeralOpenResult> OpenEphemeralResourceAsync(string typeName, WireValue config, CancellationToken cancellationToken)
        => RunAsync("OpenEphemeralResource", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetEphemeralResource(typeName, diagnostics, out var ephemeral) || !CheckConfigured(typeName, diagnostics))
            {
                return new EphemeralOpenResult([], [], null, diagnostics);
            }

            var block = ephemeral.Schema.Block;
            var type = block.ImpliedType();
            var configValue = Decode(config, type);
            var response = new EphemeralOpenResponse(new ResourceData(block, configValue));
            await ephemeral.OpenAsync(new EphemeralOpenRequest(new ResourceData(block, configValue)), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            var result = UnknownPaths.ReplaceWithNull(response.Result.Value);
            return new EphemeralOpenResult(Encode(result, type), response.Private.ToBytes(), response.RenewAt, diagnostics);
        }, d => new EphemeralOpenResult([], [], null, d));

    /// <summary>
    /// RenewEphemeralResource: calls <see cref="IEphemeralResourceWithRenew"/> when the resource
    /// implements it; otherwise there is nothing to renew and the private data is kept as is.
    /// </summary>
    internal Task<EphemeralRenewResult> RenewEphemeralResourceAsync(string typeName, ReadOnlyMemory<byte> @private, CancellationToken cancellationToken)
        => RunAsync("RenewEphemeralResource", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (!TryGetEphemeralResource(typeName, diagnostics, out var ephemeral))
            {
                return new EphemeralRenewResult(@private.ToArray(), null, diagnostics);
            }

            if (ephemeral is not IEphemeralResourceWithRenew renewer)
            {
                return new EphemeralRenewResult(@private.ToArray(), null, diagnostics);
            }

            var response = new EphemeralRenewResponse(ParsePrivate(@private, diagnostics));
            await renewer.RenewAsync(new EphemeralRenewRequest(response.Private), response, ct).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            return new EphemeralRenewResult(response.Private.ToBytes(), response.RenewAt, diagnostics);
        }, d => new EphemeralRenewResult(@private.ToArray(), null, d));

    /// <summary>CloseEphemeralResource.</summary>
    internal Task<DiagnosticCollection> CloseEphemeralResourceAsync(string typeName, ReadOnlyMemory<byte> @private, CancellationToken cancellationToken)
        => RunAsync("CloseEphemeralResource", typeName, cancellationToken, async (diagnostics, ct) =>
        {
            if (_ephemeralResources.TryGetValue(typeName, out var ephemeral) && ephemeral is IEphemeralResourceWithClose closer)
            {
                await closer.CloseAsync(new EphemeralCloseRequest(ParsePrivate(@private, diagnostics)), diagnostics, ct).ConfigureAwait(false);
            }

            return diagnostics;
        }, d => d);
}
