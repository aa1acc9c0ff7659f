using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Cty.Msgpack;
using Crd.Terraform.Plugin.Protocol6.Wire;
using Crd.Terraform.Testing.Transport;
using Google.Protobuf;
using Grpc.Core;
using SchemaModel = Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>Terraform's side of tfplugin6.</summary>
public sealed class Protocol6Client(PluginProcess process) : IProviderClient
{
    private readonly Provider.ProviderClient _client = new(process.Channel);
    private ProviderSchemas? _schemas;

    /// <inheritdoc />
    public int ProtocolVersion => 6;

    private ProviderSchemas Schemas => _schemas ?? throw new InvalidOperationException("GetProviderSchema must be called first, as Terraform does.");

    /// <inheritdoc />
    public async Task<ProviderSchemas> GetSchemasAsync(CancellationToken cancellationToken)
    {
        var r = await Call("GetProviderSchema", _client.GetProviderSchemaAsync, new GetProviderSchema.Types.Request(), cancellationToken);
        ThrowOnErrors("GetProviderSchema", Diags(r.Diagnostics));
        if (r.Provider is null)
        {
            throw new TerraformRuleViolationException("missing provider schema", "GetProviderSchema returned no provider schema.");
        }

        _schemas = new ProviderSchemas(
            WireSchema6.ToModel(r.Provider),
            r.ResourceSchemas.ToDictionary(kv => kv.Key, kv => WireSchema6.ToModel(kv.Value)),
            r.DataSourceSchemas.ToDictionary(kv => kv.Key, kv => WireSchema6.ToModel(kv.Value)),
            r.EphemeralResourceSchemas.ToDictionary(kv => kv.Key, kv => WireSchema6.ToModel(kv.Value)),
            r.ServerCapabilities?.PlanDestroy ?? false,
            r.ServerCapabilities?.GetProviderSchemaOptional ?? false);
        return _schemas;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HarnessDiagnostic>> ValidateProviderConfigAsync(CtyValue config, CancellationToken cancellationToken)
        => Diags((await Call("ValidateProviderConfig", _client.ValidateProviderConfigAsync, new ValidateProviderConfig.Types.Request { Config = Encode(config, Schemas.Provider.Block.ImpliedType()) }, cancellationToken)).Diagnostics);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HarnessDiagnostic>> ConfigureProviderAsync(CtyValue config, string terraformVersion, CancellationToken cancellationToken)
        => Diags((await Call("ConfigureProvider", _client.ConfigureProviderAsync, new ConfigureProvider.Types.Request { Config = Encode(config, Schemas.Provider.Block.ImpliedType()), TerraformVersion = terraformVersion, ClientCapabilities = Capabilities() }, cancellationToken)).Diagnostics);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HarnessDiagnostic>> ValidateResourceConfigAsync(string typeName, CtyValue config, CancellationToken cancellationToken)
        => Diags((await Call("ValidateResourceConfig", _client.ValidateResourceConfigAsync, new ValidateResourceConfig.Types.Request { TypeName = typeName, Config = Encode(config, Type(typeName)), ClientCapabilities = Capabilities() }, cancellationToken)).Diagnostics);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HarnessDiagnostic>> ValidateDataResourceConfigAsync(string typeName, CtyValue config, CancellationToken cancellationToken)
        => Diags((await Call("ValidateDataResourceConfig", _client.ValidateDataResourceConfigAsync, new ValidateDataResourceConfig.Types.Request { TypeName = typeName, Config = Encode(config, Schemas.DataSources[typeName].Block.ImpliedType()) }, cancellationToken)).Diagnostics);

    /// <inheritdoc />
    public async Task<StateResponse> UpgradeResourceStateAsync(string typeName, long version, string rawStateJson, CancellationToken cancellationToken)
    {
        var r = await Call("UpgradeResourceState", _client.UpgradeResourceStateAsync, new UpgradeResourceState.Types.Request { TypeName = typeName, Version = version, RawState = new RawState { Json = ByteString.CopyFromUtf8(rawStateJson) } }, cancellationToken);
        return new StateResponse(Decode(r.UpgradedState, Type(typeName)), [], Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<StateResponse> ReadResourceAsync(string typeName, CtyValue currentState, byte[] @private, CancellationToken cancellationToken)
    {
        var r = await Call("ReadResource", _client.ReadResourceAsync, new ReadResource.Types.Request { TypeName = typeName, CurrentState = Encode(currentState, Type(typeName)), Private = ByteString.CopyFrom(@private), ClientCapabilities = Capabilities() }, cancellationToken);
        return new StateResponse(Decode(r.NewState, Type(typeName)), r.Private.ToByteArray(), Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<PlanResponse> PlanResourceChangeAsync(string typeName, CtyValue priorState, CtyValue proposedNewState, CtyValue config, byte[] priorPrivate, CancellationToken cancellationToken)
    {
        var r = await Call("PlanResourceChange", _client.PlanResourceChangeAsync, new PlanResourceChange.Types.Request
        {
            TypeName = typeName,
            PriorState = Encode(priorState, Type(typeName)),
            ProposedNewState = Encode(proposedNewState, Type(typeName)),
            Config = Encode(config, Type(typeName)),
            PriorPrivate = ByteString.CopyFrom(priorPrivate),
            ClientCapabilities = Capabilities(),
        }, cancellationToken);
        if (r.LegacyTypeSystem)
        {
            throw new TerraformRuleViolationException("legacy type system", "The provider set legacy_type_system, which only SDKv2 may set.");
        }

        return new PlanResponse(Decode(r.PlannedState, Type(typeName)), r.RequiresReplace.Select(Path).ToList(), r.PlannedPrivate.ToByteArray(), Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<StateResponse> ApplyResourceChangeAsync(string typeName, CtyValue priorState, CtyValue plannedState, CtyValue config, byte[] plannedPrivate, CancellationToken cancellationToken)
    {
        var r = await Call("ApplyResourceChange", _client.ApplyResourceChangeAsync, new ApplyResourceChange.Types.Request
        {
            TypeName = typeName,
            PriorState = Encode(priorState, Type(typeName)),
            PlannedState = Encode(plannedState, Type(typeName)),
            Config = Encode(config, Type(typeName)),
            PlannedPrivate = ByteString.CopyFrom(plannedPrivate),
        }, cancellationToken);
        return new StateResponse(Decode(r.NewState, Type(typeName)), r.Private.ToByteArray(), Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<(string TypeName, CtyValue State, byte[] Private)> Imported, IReadOnlyList<HarnessDiagnostic> Diagnostics)> ImportResourceStateAsync(string typeName, string id, CancellationToken cancellationToken)
    {
        var r = await Call("ImportResourceState", _client.ImportResourceStateAsync, new ImportResourceState.Types.Request { TypeName = typeName, Id = id, ClientCapabilities = Capabilities() }, cancellationToken);
        var imported = r.ImportedResources.Select(i => (i.TypeName, Decode(i.State, Type(i.TypeName)), i.Private.ToByteArray())).ToList();
        return (imported, Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<StateResponse> ReadDataSourceAsync(string typeName, CtyValue config, CancellationToken cancellationToken)
    {
        var r = await Call("ReadDataSource", _client.ReadDataSourceAsync, new ReadDataSource.Types.Request { TypeName = typeName, Config = Encode(config, Schemas.DataSources[typeName].Block.ImpliedType()), ClientCapabilities = Capabilities() }, cancellationToken);
        return new StateResponse(Decode(r.State, Schemas.DataSources[typeName].Block.ImpliedType()), [], Diags(r.Diagnostics));
    }

    /// <inheritdoc />
    public async Task<StateResponse> OpenAndCloseEphemeralAsync(string typeName, CtyValue config, CancellationToken cancellationToken)
    {
        var type = Schemas.EphemeralResources[typeName].Block.ImpliedType();
        var validate = await Call("ValidateEphemeralResourceConfig", _client.ValidateEphemeralResourceConfigAsync, new ValidateEphemeralResourceConfig.Types.Request { TypeName = typeName, Config = Encode(config, type) }, cancellationToken);
        var open = await Call("OpenEphemeralResource", _client.OpenEphemeralResourceAsync, new OpenEphemeralResource.Types.Request { TypeName = typeName, Config = Encode(config, type), ClientCapabilities = Capabilities() }, cancellationToken);
        var close = new CloseEphemeralResource.Types.Request { TypeName = typeName };
        if (open.HasPrivate)
        {
            close.Private = open.Private;
        }

        var closed = await Call("CloseEphemeralResource", _client.CloseEphemeralResourceAsync, close, cancellationToken);
        var diagnostics = Diags(validate.Diagnostics).Concat(Diags(open.Diagnostics)).Concat(Diags(closed.Diagnostics)).ToList();
        return new StateResponse(Decode(open.Result, type), open.HasPrivate ? open.Private.ToByteArray() : [], diagnostics);
    }

    /// <inheritdoc />
    public async Task StopProviderAsync(CancellationToken cancellationToken)
    {
        var r = await Call("StopProvider", _client.StopProviderAsync, new StopProvider.Types.Request(), cancellationToken);
        if (r.Error.Length > 0)
        {
            throw new InvalidOperationException("StopProvider failed: " + r.Error);
        }
    }

    private static ClientCapabilities Capabilities() => new() { WriteOnlyAttributesAllowed = true, DeferralAllowed = false };

    private async Task<TResponse> Call<TRequest, TResponse>(string method, Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var call = rpc(request, new CallOptions(cancellationToken: cancellationToken));
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            // Say what the provider process printed: the status alone (often a transport error:
            // Unavailable, Internal) hides the cause. Terraform reports any non-OK status as an error.
            var tail = string.Join("\n", process.StderrLines.TakeLast(20));
            throw new InvalidOperationException($"{method} failed with gRPC status {e.StatusCode} (provider exit code {process.ExitCode?.ToString() ?? "none"}): {e.Status.Detail}\nprovider stderr:\n{tail}", e);
        }
    }

    private CtyType Type(string typeName)
        => Schemas.Resources.TryGetValue(typeName, out var s) ? s.Block.ImpliedType() : throw new InvalidOperationException($"No schema for resource type {typeName}.");

    // Terraform encodes every value against the schema's implied type (dynamic attributes get the [type, value] wrapper).
    private static DynamicValue Encode(CtyValue value, CtyType type) => new() { Msgpack = ByteString.CopyFrom(CtyMsgpackCodec.Encode(value, type)) };

    // Terraform: msgpack if non-empty, else JSON, else null (internal/plugin6/grpc_provider.go decodeDynamicValue).
    private static CtyValue Decode(DynamicValue? value, CtyType type)
    {
        if (value is null || (value.Msgpack.IsEmpty && value.Json.IsEmpty))
        {
            return CtyValue.Null(type);
        }

        return value.Msgpack.IsEmpty ? CtyJsonCodec.Decode(value.Json.Span, type) : CtyMsgpackCodec.Decode(value.Msgpack.Span, type);
    }

    private static CtyPath Path(AttributePath path)
    {
        var result = CtyPath.Root;
        foreach (var step in path.Steps)
        {
            result = step.SelectorCase switch
            {
                AttributePath.Types.Step.SelectorOneofCase.AttributeName => result.Attribute(step.AttributeName),
                AttributePath.Types.Step.SelectorOneofCase.ElementKeyString => result.Key(step.ElementKeyString),
                _ => result.Index(step.ElementKeyInt),
            };
        }

        return result;
    }

    private static IReadOnlyList<HarnessDiagnostic> Diags(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Select(d =>
        {
            if (d.Severity == Diagnostic.Types.Severity.Invalid)
            {
                throw new TerraformRuleViolationException("diagnostic without severity", $"The provider sent a diagnostic without severity (\"{d.Summary}\"); Terraform would drop it.");
            }

            return new HarnessDiagnostic(d.Severity == Diagnostic.Types.Severity.Error, d.Summary, d.Detail, d.Attribute is null ? null : Path(d.Attribute).ToString());
        }).ToList();

    private static void ThrowOnErrors(string rpc, IReadOnlyList<HarnessDiagnostic> diagnostics)
    {
        if (diagnostics.Any(d => d.IsError))
        {
            throw new TerraformCommandException(rpc + " failed", diagnostics);
        }
    }
}
