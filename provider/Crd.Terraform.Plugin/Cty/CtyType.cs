using System.Collections.Frozen;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// A cty type: the type system of Terraform's plugin wire format. Types are immutable and
/// compare structurally (two <c>list(string)</c> instances are equal).
/// </summary>
/// <remarks>
/// Type JSON (<see cref="ToJson"/>, <see cref="FromJson(ReadOnlySpan{byte})"/>) is the format of
/// <c>Schema.Attribute.type</c> and of dynamic-value wrappers, as go-cty's
/// <c>Type.MarshalJSON</c> writes it (docs/plugin-protocol/object-wire-format.md).
/// </remarks>
public abstract partial class CtyType : IEquatable<CtyType>
{
    private string? _description;

    private protected CtyType(CtyTypeKind kind)
    {
        Kind = kind;
    }

    /// <summary>
    /// <see cref="ToString"/> cut to a length fit for error messages, computed once: decoders
    /// pass it for every value they read, so it must cost nothing on the success path.
    /// </summary>
    internal string Description => _description ??= Shorten(ToString());

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    /// <summary>The string type.</summary>
    public static CtyType String { get; } = new CtyPrimitiveType(CtyTypeKind.String);

    /// <summary>The number type.</summary>
    public static CtyType Number { get; } = new CtyPrimitiveType(CtyTypeKind.Number);

    /// <summary>The bool type.</summary>
    public static CtyType Bool { get; } = new CtyPrimitiveType(CtyTypeKind.Bool);

    /// <summary>The dynamic pseudo-type ("any type, decided at runtime").</summary>
    public static CtyType Dynamic { get; } = new CtyPrimitiveType(CtyTypeKind.Dynamic);

    /// <summary>The kind of this type.</summary>
    public CtyTypeKind Kind { get; }

    /// <summary>True for string, number and bool.</summary>
    public bool IsPrimitive => Kind is CtyTypeKind.String or CtyTypeKind.Number or CtyTypeKind.Bool;

    /// <summary>True for list, set and map.</summary>
    public bool IsCollection => Kind is CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map;

    /// <summary>True for object types.</summary>
    public bool IsObject => Kind == CtyTypeKind.Object;

    /// <summary>True for the dynamic pseudo-type.</summary>
    public bool IsDynamic => Kind == CtyTypeKind.Dynamic;

    /// <summary>The element type of a list, set or map type.</summary>
    /// <exception cref="InvalidOperationException">This is not a collection type.</exception>
    public virtual CtyType ElementType =>
        throw new InvalidOperationException($"{this} is not a collection type and has no element type.");

    /// <summary>The attribute types of an object type, sorted by name (ordinal).</summary>
    /// <exception cref="InvalidOperationException">This is not an object type.</exception>
    public virtual IReadOnlyDictionary<string, CtyType> AttributeTypes =>
        throw new InvalidOperationException($"{this} is not an object type and has no attributes.");

    /// <summary>The names of the optional attributes of an object type (usually empty).</summary>
    /// <exception cref="InvalidOperationException">This is not an object type.</exception>
    public virtual IReadOnlySet<string> OptionalAttributes =>
        throw new InvalidOperationException($"{this} is not an object type and has no attributes.");

    /// <summary>The element types of a tuple type.</summary>
    /// <exception cref="InvalidOperationException">This is not a tuple type.</exception>
    public virtual IReadOnlyList<CtyType> ElementTypes =>
        throw new InvalidOperationException($"{this} is not a tuple type.");

    /// <summary>Creates <c>list(elementType)</c>.</summary>
    public static CtyType List(CtyType elementType) => new CtyCollectionType(CtyTypeKind.List, elementType);

    /// <summary>Creates <c>set(elementType)</c>.</summary>
    public static CtyType Set(CtyType elementType) => new CtyCollectionType(CtyTypeKind.Set, elementType);

    /// <summary>Creates <c>map(elementType)</c>.</summary>
    public static CtyType Map(CtyType elementType) => new CtyCollectionType(CtyTypeKind.Map, elementType);

    /// <summary>Creates a tuple type with the given element types.</summary>
    public static CtyType Tuple(IReadOnlyList<CtyType> elementTypes)
    {
        ArgumentNullException.ThrowIfNull(elementTypes);
        return new CtyTupleType(elementTypes);
    }

    /// <summary>
    /// Creates an object type. <paramref name="optionalAttributes"/> names attributes that a
    /// type constraint marks optional (they must be among <paramref name="attributes"/>).
    /// </summary>
    public static CtyType Object(
        IReadOnlyDictionary<string, CtyType> attributes,
        IEnumerable<string>? optionalAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new CtyObjectType(attributes, optionalAttributes);
    }

    /// <summary>The empty object type <c>object({})</c>.</summary>
    public static CtyType EmptyObject { get; } =
        new CtyObjectType(FrozenDictionary<string, CtyType>.Empty, null);

    /// <summary>
    /// Returns this type with every optional-attribute marker removed, at any depth. Terraform
    /// strips these markers from the implied type of a schema.
    /// </summary>
    public abstract CtyType WithoutOptionalAttributesDeep();

    /// <summary>True if this type contains the dynamic pseudo-type anywhere.</summary>
    public abstract bool HasDynamicTypes { get; }

    /// <summary>
    /// True when the type has neither dynamic nor optional-attribute markers at any depth:
    /// every value decoded against it then has exactly this type.
    /// </summary>
    internal abstract bool IsPlain { get; }

    /// <inheritdoc />
    public abstract bool Equals(CtyType? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is CtyType other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>The type as HCL writes it: <c>list(string)</c>, <c>object({name=string})</c>.</summary>
    public abstract override string ToString();

    /// <summary>Structural equality.</summary>
    public static bool operator ==(CtyType? left, CtyType? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(CtyType? left, CtyType? right) => !(left == right);

    /// <summary>
    /// True if a value of type <paramref name="actual"/> may stand where this type is expected:
    /// equal, or equal except that this type has <c>dynamic</c> where <paramref name="actual"/>
    /// has something concrete.
    /// </summary>
    public bool IsSatisfiedBy(CtyType actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (IsDynamic || Equals(actual))
        {
            return true;
        }

        if (Kind != actual.Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
            case CtyTypeKind.Map:
                return ElementType.IsSatisfiedBy(actual.ElementType);
            case CtyTypeKind.Tuple:
                var mine = ElementTypes;
                var theirs = actual.ElementTypes;
                if (mine.Count != theirs.Count)
                {
                    return false;
                }

                for (var i = 0; i < mine.Count; i++)
                {
                    if (!mine[i].IsSatisfiedBy(theirs[i]))
                    {
                        return false;
                    }
                }

                return true;
            case CtyTypeKind.Object:
                var attrs = AttributeTypes;
                var other = actual.AttributeTypes;
                if (attrs.Count != other.Count)
                {
                    return false;
                }

                foreach (var (name, type) in attrs)
                {
                    if (!other.TryGetValue(name, out var otherType) || !type.IsSatisfiedBy(otherType))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
