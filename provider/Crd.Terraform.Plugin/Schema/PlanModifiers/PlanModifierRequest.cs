using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Schema.PlanModifiers;

/// <summary>The values a plan modifier works from.</summary>
/// <param name="Path">Path of the attribute or block.</param>
/// <param name="ConfigValue">Value in configuration (null when unset).</param>
/// <param name="StateValue">Value in prior state (null on create).</param>
/// <param name="PlanValue">Value planned so far.</param>
/// <param name="IsCreate">True when there is no prior state.</param>
/// <param name="Config">The whole configuration object.</param>
/// <param name="PriorState">The whole prior state object (null on create).</param>
public sealed record PlanModifierRequest(
    CtyPath Path,
    CtyValue ConfigValue,
    CtyValue StateValue,
    CtyValue PlanValue,
    bool IsCreate,
    CtyValue Config,
    CtyValue PriorState);
