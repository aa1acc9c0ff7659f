using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Schema.PlanModifiers;

/// <summary>What a plan modifier may change.</summary>
public sealed class PlanModifierResponse
{
    /// <summary>Creates a response pre-filled with the current planned value.</summary>
    public PlanModifierResponse(CtyValue planValue) => PlanValue = planValue;

    /// <summary>The planned value; replace it to change the plan.</summary>
    public CtyValue PlanValue { get; set; }

    /// <summary>Set to true when this change cannot be made in place.</summary>
    public bool RequiresReplace { get; set; }

    /// <summary>Diagnostics to report.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
