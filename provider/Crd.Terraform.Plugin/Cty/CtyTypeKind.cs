namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// The kind of a <see cref="CtyType"/>: the three primitives, the three collections, the two
/// structural kinds and the dynamic pseudo-type.
/// </summary>
public enum CtyTypeKind
{
    /// <summary>A Unicode string (NFC-normalised).</summary>
    String,

    /// <summary>An arbitrary-precision decimal number, see <see cref="CtyNumber"/>.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>An ordered sequence of elements of one type.</summary>
    List,

    /// <summary>An unordered set of distinct elements of one type.</summary>
    Set,

    /// <summary>A string-keyed map of elements of one type.</summary>
    Map,

    /// <summary>A fixed set of named attributes, each with its own type.</summary>
    Object,

    /// <summary>A fixed-length sequence of elements, each with its own type.</summary>
    Tuple,

    /// <summary>
    /// The dynamic pseudo-type: "any type, decided at runtime". Only null and unknown values
    /// carry it; on the wire a value in a dynamic slot travels with its concrete type.
    /// </summary>
    Dynamic,
}
