using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResourceWithModifyPlan.ModifyPlanAsync"/>.</summary>
public sealed class ModifyPlanResponse
{
    /// <summary>Creates a response whose plan is the plan built so far.</summary>
    public ModifyPlanResponse(ResourceData plan, PrivateState @private)
    {
        Plan = plan;
        Private = @private;
    }

    /// <summary>The planned state (null on destroy); change attributes to change the plan.</summary>
    public ResourceData Plan { get; }

    /// <summary>Private data planned for the apply.</summary>
    public PrivateState Private { get; }

    /// <summary>Paths whose change cannot be made in place. Pre-filled with what the attributes' plan modifiers (RequiresReplace) decided; a resource may add or remove paths.</summary>
    public IList<CtyPath> RequiresReplace { get; } = new List<CtyPath>();

    /// <summary>Problems met (e.g. a quota that the plan would exceed).</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
