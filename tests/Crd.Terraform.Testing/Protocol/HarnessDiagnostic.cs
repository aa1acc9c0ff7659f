namespace Crd.Terraform.Testing.Protocol;

/// <summary>A diagnostic as Terraform would print it.</summary>
/// <param name="IsError">Error (true) or warning.</param>
/// <param name="Summary">Summary.</param>
/// <param name="Detail">Detail.</param>
/// <param name="Path">Attribute path as text (e.g. <c>site[0].name</c>), or null.</param>
public sealed record HarnessDiagnostic(bool IsError, string Summary, string Detail, string? Path)
{
    /// <inheritdoc />
    public override string ToString() => $"{(IsError ? "Error" : "Warning")}: {Summary}{(Path is null ? "" : $" (at {Path})")}: {Detail}";
}
