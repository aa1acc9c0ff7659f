using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>
/// The provider RPCs as Terraform's core calls them, over one protocol version. Values go out
/// msgpack-encoded against the schema Terraform learned from GetProviderSchema, as Terraform does.
/// </summary>
public interface IProviderClient
{
    /// <summary>The protocol version spoken.</summary>
    int ProtocolVersion { get; }

    /// <summary>GetProviderSchema (v5: GetSchema).</summary>
    Task<ProviderSchemas> GetSchemasAsync(CancellationToken cancellationToken);

    /// <summary>ValidateProviderConfig (v5: PrepareProviderConfig).</summary>
    Task<IReadOnlyList<HarnessDiagnostic>> ValidateProviderConfigAsync(CtyValue config, CancellationToken cancellationToken);

    /// <summary>ConfigureProvider (v5: Configure).</summary>
    Task<IReadOnlyList<HarnessDiagnostic>> ConfigureProviderAsync(CtyValue config, string terraformVersion, CancellationToken cancellationToken);

    /// <summary>ValidateResourceConfig (v5: ValidateResourceTypeConfig).</summary>
    Task<IReadOnlyList<HarnessDiagnostic>> ValidateResourceConfigAsync(string typeName, CtyValue config, CancellationToken cancellationToken);

    /// <summary>ValidateDataResourceConfig (v5: ValidateDataSourceConfig).</summary>
    Task<IReadOnlyList<HarnessDiagnostic>> ValidateDataResourceConfigAsync(string typeName, CtyValue config, CancellationToken cancellationToken);

    /// <summary>UpgradeResourceState with the state JSON stored under <paramref name="version"/>.</summary>
    Task<StateResponse> UpgradeResourceStateAsync(string typeName, long version, string rawStateJson, CancellationToken cancellationToken);

    /// <summary>ReadResource.</summary>
    Task<StateResponse> ReadResourceAsync(string typeName, CtyValue currentState, byte[] @private, CancellationToken cancellationToken);

    /// <summary>PlanResourceChange.</summary>
    Task<PlanResponse> PlanResourceChangeAsync(string typeName, CtyValue priorState, CtyValue proposedNewState, CtyValue config, byte[] priorPrivate, CancellationToken cancellationToken);

    /// <summary>ApplyResourceChange.</summary>
    Task<StateResponse> ApplyResourceChangeAsync(string typeName, CtyValue priorState, CtyValue plannedState, CtyValue config, byte[] plannedPrivate, CancellationToken cancellationToken);

    /// <summary>ImportResourceState: the imported objects (type, state, private).</summary>
    Task<(IReadOnlyList<(string TypeName, CtyValue State, byte[] Private)> Imported, IReadOnlyList<HarnessDiagnostic> Diagnostics)> ImportResourceStateAsync(string typeName, string id, CancellationToken cancellationToken);

    /// <summary>ReadDataSource.</summary>
    Task<StateResponse> ReadDataSourceAsync(string typeName, CtyValue config, CancellationToken cancellationToken);

    /// <summary>OpenEphemeralResource then CloseEphemeralResource, returning the opened value.</summary>
    Task<StateResponse> OpenAndCloseEphemeralAsync(string typeName, CtyValue config, CancellationToken cancellationToken);

    /// <summary>StopProvider.</summary>
    Task StopProviderAsync(CancellationToken cancellationToken);
}
