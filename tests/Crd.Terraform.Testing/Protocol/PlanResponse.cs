using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>A decoded PlanResourceChange response.</summary>
public sealed record PlanResponse(CtyValue PlannedState, IReadOnlyList<CtyPath> RequiresReplace, byte[] PlannedPrivate, IReadOnlyList<HarnessDiagnostic> Diagnostics);
