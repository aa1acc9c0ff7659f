using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of configuration validation.</summary>
public sealed class ValidateConfigResponse
{
    /// <summary>Problems found, each with the path of the offending attribute.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
