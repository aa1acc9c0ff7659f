using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Validators;

/// <summary>What a validator sees: the value, where it is, and the whole configuration.</summary>
/// <param name="Path">Path of the value in the configuration.</param>
/// <param name="Value">The configured value (may be null or unknown).</param>
/// <param name="Config">The whole configuration object, for cross-attribute rules.</param>
public sealed record ValidationRequest(CtyPath Path, CtyValue Value, CtyValue Config);
