namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// One step of a <see cref="CtyPath"/>: an attribute name, a map key or a list index.
/// </summary>
/// <param name="Kind">What the step selects.</param>
/// <param name="Name">The attribute name or map key; null for an index.</param>
/// <param name="Index">The list/tuple index; 0 for names and keys.</param>
public readonly record struct CtyPathStep(CtyPathStepKind Kind, string? Name, long Index)
{
    /// <summary>A step into an object attribute.</summary>
    public static CtyPathStep ForAttribute(string name) =>
        new(CtyPathStepKind.AttributeName, name ?? throw new ArgumentNullException(nameof(name)), 0);

    /// <summary>A step into a map element.</summary>
    public static CtyPathStep ForKey(string key) =>
        new(CtyPathStepKind.ElementKeyString, key ?? throw new ArgumentNullException(nameof(key)), 0);

    /// <summary>A step into a list or tuple element.</summary>
    public static CtyPathStep ForIndex(long index) => new(CtyPathStepKind.ElementKeyInt, null, index);

    /// <summary>Same as <see cref="Name"/> (the map key for <see cref="CtyPathStepKind.ElementKeyString"/>).</summary>
    public string? Key => Name;

    /// <summary>The step as written after a path: <c>.name</c>, <c>["key"]</c> or <c>[0]</c>.</summary>
    public override string ToString() => Kind switch
    {
        CtyPathStepKind.AttributeName => "." + Name,
        CtyPathStepKind.ElementKeyString => $"[{CtyValue.QuoteString(Name ?? string.Empty)}]",
        _ => $"[{Index}]",
    };
}
