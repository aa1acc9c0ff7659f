using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Cty.Msgpack;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Logging;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// The protocol-free logic behind every provider RPC (one partial file per RPC). The
/// Protocol5/Protocol6 adapters decode protobuf, call in here and encode the result; nothing
/// here sees a protobuf type. Every RPC runs under one token linked to the request abort and
/// to StopProvider, and turns exceptions into diagnostics: the protocol carries provider
/// errors as diagnostics, not gRPC statuses (internal/plugin6/grpc_error.go).
/// </summary>
public sealed partial class ProviderServer
{
    private readonly IProvider _provider;
    private readonly Dictionary<string, IResource> _resources;
    private readonly Dictionary<string, IDataSource> _dataSources;
    private readonly Dictionary<string, IEphemeralResource> _ephemeralResources;
    private readonly Lock _stopLock = new();
    private CancellationTokenSource _stop = new();
    private object? _providerData;
    private bool _configured;

    /// <summary>Creates the server for <paramref name="provider"/>.</summary>
    public ProviderServer(IProvider provider)
    {
        _provider = provider;
        _resources = provider.Resources.ToDictionary(r => r.TypeName, StringComparer.Ordinal);
        _dataSources = provider.DataSources.ToDictionary(d => d.TypeName, StringComparer.Ordinal);
        _ephemeralResources = provider.EphemeralResources.ToDictionary(e => e.TypeName, StringComparer.Ordinal);
    }

    /// <summary>
    /// StopProvider: cancels the token of every in-flight call and returns at once ("Stop should
    /// not block waiting for in-flight actions", internal/providers/provider.go). Later calls get
    /// a fresh token, as Terraform may go on (e.g. to record partial state).
    /// </summary>
    public void Stop()
    {
        CancellationTokenSource old;
        lock (_stopLock)
        {
            old = _stop;
            _stop = new CancellationTokenSource();
        }

        PluginLogger.Instance.Info("StopProvider received: cancelling in-flight operations");
        old.Cancel();
        old.Dispose();
    }

    private CancellationTokenSource LinkedToken(CancellationToken callToken)
    {
        lock (_stopLock)
        {
            return CancellationTokenSource.CreateLinkedTokenSource(callToken, _stop.Token);
        }
    }

    /// <summary>
    /// Runs one RPC body with the linked token, converting wire-format errors and unexpected
    /// exceptions into diagnostics (logged at debug without reaching the practitioner as a trace).
    /// </summary>
    private async Task<T> RunAsync<T>(string rpc, string typeName, CancellationToken callToken, Func<DiagnosticCollection, CancellationToken, Task<T>> body, Func<DiagnosticCollection, T> onFailure)
    {
        using var linked = LinkedToken(callToken);
        var diagnostics = new DiagnosticCollection();
        try
        {
            return await body(diagnostics, linked.Token).ConfigureAwait(false);
        }
        catch (CtyFormatException e)
        {
            diagnostics.AddError("Invalid Wire Data", $"{rpc} for \"{typeName}\" received a value the provider cannot decode: {e.Message}. This is a bug in Terraform or in the provider; please report it.");
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            diagnostics.AddError("Operation Cancelled", $"{rpc} for \"{typeName}\" was cancelled (Terraform sent StopProvider or closed the call) before it finished.");
        }
        catch (Exception e)
        {
            PluginLogger.Instance.Debug("unexpected provider error", ("rpc", rpc), ("type", typeName), ("exception", e.ToString()));
            diagnostics.AddError("Unexpected Provider Error", $"{rpc} for \"{typeName}\" failed: {e.GetType().Name}: {e.Message}. This is a bug in the provider; please report it with the log (TF_LOG_PROVIDER=DEBUG).");
        }

        return onFailure(diagnostics);
    }

    private static CtyValue Decode(WireValue value, CtyType type)
    {
        if (!value.Msgpack.IsEmpty)
        {
            return CtyMsgpackCodec.Decode(value.Msgpack.Span, type);
        }

        return !value.Json.IsEmpty ? CtyJsonCodec.Decode(value.Json.Span, type) : CtyValue.Null(type);
    }

    private static byte[] Encode(CtyValue value, CtyType type) => CtyMsgpackCodec.Encode(value, type);

    private static byte[] EncodeNull(Block block) => Encode(CtyValue.Null(block.ImpliedType()), block.ImpliedType());

    private static PrivateState ParsePrivate(ReadOnlyMemory<byte> bytes, DiagnosticCollection diagnostics)
    {
        try
        {
            return PrivateState.Parse(bytes.Span);
        }
        catch (FormatException e)
        {
            diagnostics.AddError("Invalid Private State", $"The provider's private data stored by Terraform cannot be read ({e.Message}); it was ignored.");
            return new PrivateState();
        }
    }

    private bool TryGetResource(string typeName, DiagnosticCollection diagnostics, out IResource resource)
    {
        if (_resources.TryGetValue(typeName, out resource!))
        {
            return true;
        }

        diagnostics.AddError("Unknown Resource Type", $"The provider \"{_provider.TypeName}\" has no resource type \"{typeName}\". Known types: {string.Join(", ", _resources.Keys.Order(StringComparer.Ordinal))}.");
        return false;
    }

    private bool TryGetDataSource(string typeName, DiagnosticCollection diagnostics, out IDataSource dataSource)
    {
        if (_dataSources.TryGetValue(typeName, out dataSource!))
        {
            return true;
        }

        diagnostics.AddError("Unknown Data Source", $"The provider \"{_provider.TypeName}\" has no data source \"{typeName}\".");
        return false;
    }

    private bool TryGetEphemeralResource(string typeName, DiagnosticCollection diagnostics, out IEphemeralResource ephemeral)
    {
        if (_ephemeralResources.TryGetValue(typeName, out ephemeral!))
        {
            return true;
        }

        diagnostics.AddError("Unknown Ephemeral Resource", $"The provider \"{_provider.TypeName}\" has no ephemeral resource \"{typeName}\".");
        return false;
    }

    private bool CheckConfigured(string typeName, DiagnosticCollection diagnostics)
    {
        if (_configured)
        {
            return true;
        }

        diagnostics.AddError("Provider Not Configured", $"\"{typeName}\" was used before ConfigureProvider succeeded. This is a bug in Terraform or a configuration error reported earlier.");
        return false;
    }
}
