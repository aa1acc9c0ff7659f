namespace Crd.Terraform.Plugin.Resources;

/// <summary>A resource that adjusts its plan beyond attribute-level plan modifiers.</summary>
public interface IResourceWithModifyPlan
{
    /// <summary>
    /// Called during PlanResourceChange after defaults, computed-unknown marking and attribute
    /// plan modifiers; also for destroy plans (Plan is then null) so it can warn or fail. The
    /// planned values it sets must still obey Terraform's plan rules: the SDK checks them.
    /// </summary>
    Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken);
}
