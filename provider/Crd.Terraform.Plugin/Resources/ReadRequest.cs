namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResource.ReadAsync"/>.</summary>
/// <param name="State">The current state.</param>
/// <param name="Private">Private data stored with it.</param>
public sealed record ReadRequest(ResourceData State, PrivateState Private);
