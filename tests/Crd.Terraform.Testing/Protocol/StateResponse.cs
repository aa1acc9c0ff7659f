using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>A decoded response carrying one state value (read, apply, upgrade, data source).</summary>
public sealed record StateResponse(CtyValue State, byte[] Private, IReadOnlyList<HarnessDiagnostic> Diagnostics);
