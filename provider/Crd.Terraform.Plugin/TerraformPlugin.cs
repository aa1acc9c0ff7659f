using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.Hosting;
using Crd.Terraform.Plugin.Protocol5;
using Crd.Terraform.Plugin.Protocol6;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Server;

namespace Crd.Terraform.Plugin;

/// <summary>The entry point of a provider executable.</summary>
public static class TerraformPlugin
{
    /// <summary>
    /// Serves <paramref name="provider"/> over the plugin protocol until Terraform shuts it down:
    /// go-plugin handshake, both tfplugin6 and tfplugin5 (Terraform picks through
    /// PLUGIN_PROTOCOL_VERSIONS), AutoMTLS. Returns the process exit code.
    /// </summary>
    /// <param name="args">The command line (<c>--debug</c> serves in debug mode).</param>
    /// <param name="provider">The provider.</param>
    /// <param name="providerAddress">Its registry address, e.g. <c>registry.terraform.io/crd-cloud/crd</c>.</param>
    public static Task<int> ServeAsync(string[] args, IProvider provider, string providerAddress)
        => ServeAsync(args, provider, providerAddress, additionalServices: null);

    /// <summary>
    /// Like <see cref="ServeAsync(string[], IProvider, string)"/>, also serving extra gRPC
    /// services (test providers use this for transport probes).
    /// </summary>
    public static Task<int> ServeAsync(string[] args, IProvider provider, string providerAddress, Action<GrpcServiceRegistry>? additionalServices)
    {
        // The server is built lazily on first use by either protocol, keeping start-up to the
        // handshake short (Terraform waits for the handshake line before anything else).
        var server = new Lazy<ProviderServer>(() => new ProviderServer(provider));
        return PluginHost.RunAsync(args, new PluginServeOptions
        {
            ProviderAddress = providerAddress,
            RegisterServices = registry =>
            {
                new Protocol6Service(server).Register(registry);
                new Protocol5Service(server).Register(registry);
                additionalServices?.Invoke(registry);
            },
        });
    }
}
