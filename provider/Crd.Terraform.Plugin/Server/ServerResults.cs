using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server;

// Protocol-free results of the server's RPC logic; Protocol5/Protocol6 adapters convert them.
// Values leave the server msgpack-encoded (JSON cannot carry unknowns).

internal sealed record ProviderSchemaResult(
    SchemaDefinition Provider,
    IReadOnlyDictionary<string, SchemaDefinition> Resources,
    IReadOnlyDictionary<string, SchemaDefinition> DataSources,
    IReadOnlyDictionary<string, SchemaDefinition> EphemeralResources,
    DiagnosticCollection Diagnostics);

internal sealed record StateResult(byte[] State, byte[] Private, DiagnosticCollection Diagnostics);

internal sealed record PlanResult(byte[] PlannedState, IReadOnlyList<CtyPath> RequiresReplace, byte[] PlannedPrivate, DiagnosticCollection Diagnostics);

internal sealed record ImportedResource(string TypeName, byte[] State, byte[] Private);

internal sealed record ImportResult(IReadOnlyList<ImportedResource> Resources, DiagnosticCollection Diagnostics);

internal sealed record EphemeralOpenResult(byte[] Result, byte[] Private, DateTimeOffset? RenewAt, DiagnosticCollection Diagnostics);

/// <summary>Result of RenewEphemeralResource.</summary>
internal sealed record EphemeralRenewResult(byte[] Private, DateTimeOffset? RenewAt, DiagnosticCollection Diagnostics);
