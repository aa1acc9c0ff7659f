using Crd.Terraform.Plugin.Grpc;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>What <see cref="PluginHost.RunAsync"/> needs to serve a provider.</summary>
public sealed class PluginServeOptions
{
    /// <summary>
    /// The provider's source address, e.g. <c>registry.terraform.io/crd-cloud/crd</c>; the key of
    /// the <c>TF_REATTACH_PROVIDERS</c> JSON printed in debug mode.
    /// </summary>
    public required string ProviderAddress { get; init; }

    /// <summary>
    /// Registers the provider's gRPC services (tfplugin6 / tfplugin5). Called once before the
    /// server starts; the host itself registers <c>plugin.GRPCController/Shutdown</c> and
    /// <c>grpc.health.v1.Health/Check</c>.
    /// </summary>
    public required Action<GrpcServiceRegistry> RegisterServices { get; init; }

    /// <summary>
    /// The plugin protocol versions served. The handshake picks the highest of these that
    /// Terraform offers in <c>PLUGIN_PROTOCOL_VERSIONS</c>.
    /// </summary>
    public IReadOnlyList<int> SupportedProtocolVersions { get; init; } = [6, 5];

    /// <summary>
    /// Called once when the process is asked to stop (GRPCController.Shutdown, SIGTERM, or
    /// Ctrl-C in debug mode), before the server drains; use it to cancel in-flight work.
    /// Must not block.
    /// </summary>
    public Action? OnStopRequested { get; init; }
}
