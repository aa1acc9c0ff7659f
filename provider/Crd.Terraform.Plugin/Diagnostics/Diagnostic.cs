using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Diagnostics;

/// <summary>
/// A message for the practitioner. The summary is a few words in Title Case
/// ("Unknown Flavor"); the detail says what happened, whose fault it is and what to do.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Summary">Short Title Case summary.</param>
/// <param name="Detail">Full explanation.</param>
/// <param name="Attribute">The attribute the diagnostic is about, when there is one.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Summary, string Detail, CtyPath? Attribute = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Attribute is null ? "" : $" (at {Attribute})";
        return $"{Severity}: {Summary}{where}: {Detail}";
    }
}
