using System.Collections;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Diagnostics;

/// <summary>
/// The diagnostics of one operation. Responses arrive with an empty collection; code adds to it
/// and returns, so that partial results and errors travel together.
/// </summary>
public sealed class DiagnosticCollection : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>True when at least one error was added.</summary>
    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public Diagnostic this[int index] => _items[index];

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds every diagnostic of another collection.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Adds an error that concerns no particular attribute.</summary>
    public void AddError(string summary, string detail)
        => _items.Add(new Diagnostic(DiagnosticSeverity.Error, summary, detail));

    /// <summary>Adds a warning that concerns no particular attribute.</summary>
    public void AddWarning(string summary, string detail)
        => _items.Add(new Diagnostic(DiagnosticSeverity.Warning, summary, detail));

    /// <summary>Adds an error about the attribute at <paramref name="path"/>.</summary>
    public void AddAttributeError(CtyPath path, string summary, string detail)
        => _items.Add(new Diagnostic(DiagnosticSeverity.Error, summary, detail, path));

    /// <summary>Adds a warning about the attribute at <paramref name="path"/>.</summary>
    public void AddAttributeWarning(CtyPath path, string summary, string detail)
        => _items.Add(new Diagnostic(DiagnosticSeverity.Warning, summary, detail, path));

    /// <inheritdoc />
    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
