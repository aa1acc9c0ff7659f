namespace Crd.Terraform.Plugin.Diagnostics;

/// <summary>Severity of a diagnostic. Never "invalid": Terraform ignores diagnostics without one.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The operation failed.</summary>
    Error = 1,

    /// <summary>The operation succeeded but the practitioner should know something.</summary>
    Warning = 2,
}
