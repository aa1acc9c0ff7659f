namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of configuration validation (resources, data sources, ephemeral resources, provider).</summary>
/// <param name="Config">The configuration; values may be unknown.</param>
public sealed record ValidateConfigRequest(ResourceData Config);
