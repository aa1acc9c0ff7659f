namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResource.CreateAsync"/>.</summary>
/// <param name="Config">The configuration, including write-only values.</param>
/// <param name="Plan">The planned state.</param>
/// <param name="Private">Private data planned for the resource.</param>
public sealed record CreateRequest(ResourceData Config, ResourceData Plan, PrivateState Private);
