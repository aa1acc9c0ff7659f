using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>Input of <see cref="IEphemeralResourceWithRenew.RenewAsync"/>.</summary>
/// <param name="Private">The private data Open (or the previous Renew) returned.</param>
public sealed record EphemeralRenewRequest(PrivateState Private);
