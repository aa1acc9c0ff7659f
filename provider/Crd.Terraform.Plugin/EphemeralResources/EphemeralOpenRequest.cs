using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>Input of <see cref="IEphemeralResource.OpenAsync"/>.</summary>
/// <param name="Config">The configuration.</param>
public sealed record EphemeralOpenRequest(ResourceData Config);
