namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResourceWithModifyPlan.ModifyPlanAsync"/>.</summary>
/// <param name="Config">The configuration (null on destroy).</param>
/// <param name="PriorState">The prior state (null on create).</param>
/// <param name="Private">Prior private data.</param>
public sealed record ModifyPlanRequest(ResourceData Config, ResourceData PriorState, PrivateState Private);
