using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResource.DeleteAsync"/>. With errors, Terraform keeps the state.</summary>
public sealed class DeleteResponse
{
    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
