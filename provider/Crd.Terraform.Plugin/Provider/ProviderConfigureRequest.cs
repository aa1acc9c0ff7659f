using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Provider;

/// <summary>Input of <see cref="IProvider.ConfigureAsync"/>.</summary>
/// <param name="Config">The provider block.</param>
/// <param name="TerraformVersion">The calling Terraform or OpenTofu version.</param>
public sealed record ProviderConfigureRequest(ResourceData Config, string TerraformVersion);
