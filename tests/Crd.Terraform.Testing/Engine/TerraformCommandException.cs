using Crd.Terraform.Testing.Protocol;

namespace Crd.Terraform.Testing;

/// <summary>A command ended with error diagnostics, as <c>terraform apply</c> exiting 1.</summary>
public sealed class TerraformCommandException(string message, IReadOnlyList<HarnessDiagnostic> diagnostics)
    : Exception(message + ":\n" + string.Join("\n", diagnostics.Select(d => "  " + d)))
{
    /// <summary>Every diagnostic the command produced.</summary>
    public IReadOnlyList<HarnessDiagnostic> Diagnostics { get; } = diagnostics;
}
