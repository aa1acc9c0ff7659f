namespace Crd.Terraform.Plugin.Schema.PlanModifiers;

/// <summary>
/// Adjusts the planned value of one attribute or block during PlanResourceChange, after defaults
/// and computed-unknown marking, before the resource-level ModifyPlan. Not called on create for
/// RequiresReplace purposes, nor on destroy.
/// </summary>
public interface IPlanModifier
{
    /// <summary>Markdown description of the behaviour, for docs.</summary>
    string Description { get; }

    /// <summary>Reads the request and may change <see cref="PlanModifierResponse.PlanValue"/> or ask for replacement.</summary>
    void Modify(PlanModifierRequest request, PlanModifierResponse response);
}
