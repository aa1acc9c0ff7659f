namespace Crd.Terraform.Testing.Configuration;

/// <summary>A configuration error Terraform itself would report before calling the provider.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
