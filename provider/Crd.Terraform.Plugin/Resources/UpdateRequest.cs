namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResource.UpdateAsync"/>.</summary>
/// <param name="Config">The configuration, including write-only values.</param>
/// <param name="Plan">The planned state.</param>
/// <param name="PriorState">The state before the change.</param>
/// <param name="Private">Private data planned for the resource.</param>
public sealed record UpdateRequest(ResourceData Config, ResourceData Plan, ResourceData PriorState, PrivateState Private);
