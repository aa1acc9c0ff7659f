using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>Input of <see cref="IEphemeralResourceWithClose.CloseAsync"/>.</summary>
/// <param name="Private">The private data Open returned.</param>
public sealed record EphemeralCloseRequest(PrivateState Private);
