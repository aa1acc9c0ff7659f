using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;
using Crd.Terraform.Testing.Transport;

namespace Crd.Terraform.Testing;

/// <summary>
/// One provider process for one Terraform command: launched as Terraform launches it, schema
/// fetched, provider configuration validated and configured; shut down with GRPCController.
/// </summary>
public sealed class ProviderSession : IAsyncDisposable
{
    private readonly Action<PluginProcess>? _stopping;

    private ProviderSession(PluginProcess process, IProviderClient client, ProviderSchemas schemas, Action<PluginProcess>? stopping)
    {
        _stopping = stopping;
        Process = process;
        Client = client;
        Schemas = schemas;
    }

    /// <summary>The provider process.</summary>
    public PluginProcess Process { get; }

    /// <summary>The protocol client.</summary>
    public IProviderClient Client { get; }

    /// <summary>The provider's schemas.</summary>
    public ProviderSchemas Schemas { get; }

    /// <summary>Starts the provider, reads its schema and configures it with <paramref name="providerConfig"/>.</summary>
    public static async Task<ProviderSession> StartAsync(HarnessOptions options, IReadOnlyDictionary<string, object?> providerConfig, bool configure, CancellationToken cancellationToken)
    {
        var process = await PluginProcess.StartAsync(new PluginLaunchOptions
        {
            ExecutablePath = options.ProviderExecutable,
            Environment = options.Environment,
            OfferedProtocolVersions = options.OfferedProtocolVersions,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            IProviderClient client = process.ProtocolVersion == 5 ? new Protocol5Client(process) : new Protocol6Client(process);
            var schemas = await client.GetSchemasAsync(cancellationToken).ConfigureAwait(false);
            var session = new ProviderSession(process, client, schemas, options.ProviderStopping);
            if (configure)
            {
                var config = ConfigDecoder.DecodeBody(schemas.Provider.Block, providerConfig, r => throw new ConfigurationException($"provider: references ({r.Address}) are not supported in provider blocks here."), "provider");
                var diagnostics = (await client.ValidateProviderConfigAsync(config, cancellationToken).ConfigureAwait(false)).ToList();
                if (!diagnostics.Any(d => d.IsError))
                {
                    diagnostics.AddRange(await client.ConfigureProviderAsync(config, options.TerraformVersion, cancellationToken).ConfigureAwait(false));
                }

                session.ProviderDiagnostics = diagnostics;
                if (diagnostics.Any(d => d.IsError))
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                    throw new TerraformCommandException("Provider configuration failed", diagnostics);
                }
            }

            return session;
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Warnings from ValidateProviderConfig and ConfigureProvider.</summary>
    public IReadOnlyList<HarnessDiagnostic> ProviderDiagnostics { get; private set; } = [];

    /// <summary>The implied type of a resource type.</summary>
    public CtyType ResourceType(string type) => Schemas.Resources[type].Block.ImpliedType();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Process.ExitCode is null)
            {
                _stopping?.Invoke(Process);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await Process.ShutdownAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception) when (Process.ExitCode is not null)
        {
            // Already gone.
        }
        finally
        {
            await Process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
