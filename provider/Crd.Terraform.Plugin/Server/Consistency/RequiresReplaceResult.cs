using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>What Terraform makes of a provider's requires_replace list.</summary>
/// <param name="Paths">
/// The requested paths that really force a replacement (their value changes, or may change, or
/// they are write-only), each once, in request order.
/// </param>
/// <param name="Errors">
/// Requested paths that exist in neither the prior nor the planned object: a provider bug
/// Terraform reports as "Provider produced invalid plan".
/// </param>
public sealed record RequiresReplaceResult(IReadOnlyList<CtyPath> Paths, IReadOnlyList<ConsistencyError> Errors);
