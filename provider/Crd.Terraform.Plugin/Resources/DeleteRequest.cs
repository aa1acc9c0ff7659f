namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResource.DeleteAsync"/>.</summary>
/// <param name="PriorState">The state of the object to delete.</param>
/// <param name="Private">Private data stored with it.</param>
public sealed record DeleteRequest(ResourceData PriorState, PrivateState Private);
