namespace Crd.Terraform.Plugin.Cty;

public sealed partial class CtyValue
{
    /// <summary>
    /// A known list. Elements must have type <paramref name="elementType"/>; null or unknown
    /// elements of dynamic type are retyped. When <paramref name="elementType"/> contains
    /// <c>dynamic</c>, elements must all share one concrete type, which becomes the list's.
    /// </summary>
    /// <exception cref="ArgumentException">An element has another type.</exception>
    public static CtyValue List(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(elements);
        var items = elements.ToArray();
        var unified = UnifyElements(elementType, items, "list");
        return new CtyValue(CtyType.List(unified), ValueState.Known, items);
    }

    /// <summary>
    /// A known set. Wholly known duplicates are removed (the first is kept) and elements are
    /// put in go-cty's canonical order: numbers ascending, strings by code point, false before
    /// true, other values by go-cty's set hash text; then unknowns, then null.
    /// </summary>
    /// <exception cref="ArgumentException">An element has another type.</exception>
    public static CtyValue Set(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(elements);
        var items = elements.ToArray();
        var unified = UnifyElements(elementType, items, "set");
        return new CtyValue(CtyType.Set(unified), ValueState.Known, CtySetOrder.Canonicalize(unified, items));
    }

    /// <summary>A known map; keys must be distinct.</summary>
    /// <exception cref="ArgumentException">A duplicate key, or an element of another type.</exception>
    public static CtyValue Map(CtyType elementType, IEnumerable<KeyValuePair<string, CtyValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(entries);
        var pairs = entries.ToArray();
        var keys = new string[pairs.Length];
        var values = new CtyValue[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            keys[i] = pairs[i].Key ?? throw new ArgumentException("A map key is null.", nameof(entries));
            values[i] = pairs[i].Value ?? throw new ArgumentException($"Map element \"{keys[i]}\" is null.", nameof(entries));
        }

        var unified = UnifyElements(elementType, values, "map");
        return new CtyValue(CtyType.Map(unified), ValueState.Known, CtyOrdinalMap<CtyValue>.FromArrays(keys, values));
    }

    /// <summary>A known tuple; its type is the tuple of the elements' types.</summary>
    public static CtyValue Tuple(IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var items = elements.ToArray();
        var types = new CtyType[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            types[i] = (items[i] ?? throw new ArgumentException($"Tuple element {i} is null.", nameof(elements))).Type;
        }

        return new CtyValue(CtyType.Tuple(types), ValueState.Known, items);
    }

    /// <summary>A known object whose type is inferred from the attribute values.</summary>
    /// <exception cref="ArgumentException">A duplicate attribute name.</exception>
    public static CtyValue Object(IEnumerable<KeyValuePair<string, CtyValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var pairs = attributes.ToArray();
        var names = new string[pairs.Length];
        var values = new CtyValue[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            names[i] = pairs[i].Key ?? throw new ArgumentException("An attribute name is null.", nameof(attributes));
            values[i] = pairs[i].Value
                ?? throw new ArgumentException($"Attribute \"{names[i]}\" is null.", nameof(attributes));
        }

        return FromAttributeMap(CtyOrdinalMap<CtyValue>.FromArrays(names, values));
    }

    /// <summary>
    /// A known object of <paramref name="objectType"/>: attributes absent from
    /// <paramref name="attributes"/> become null of their type. Values must conform to their
    /// attribute types (a dynamic attribute takes any type; its value keeps its own).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown attribute or a value of the wrong type.</exception>
    public static CtyValue Object(CtyType objectType, IReadOnlyDictionary<string, CtyValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        if (!objectType.IsObject)
        {
            throw new ArgumentException($"{objectType} is not an object type.", nameof(objectType));
        }

        var attributeTypes = objectType.AttributeTypes;
        foreach (var name in attributes.Keys)
        {
            if (!attributeTypes.ContainsKey(name))
            {
                throw new ArgumentException($"\"{name}\" is not an attribute of {objectType}.", nameof(attributes));
            }
        }

        var exact = objectType.OptionalAttributes.Count == 0;
        var map = ((CtyObjectType)objectType).OrderedAttributes.Select((name, type) =>
        {
            var value = attributes.TryGetValue(name, out var given) && given is not null
                ? Conform(given, type, $"attribute \"{name}\"")
                : Null(type);
            exact &= value.Type.Equals(type);
            return value;
        });

        // Share the caller's type instance when the values have exactly its attribute types.
        return exact ? new CtyValue(objectType, ValueState.Known, map) : FromAttributeMap(map);
    }

    internal static CtyValue FromAttributeMap(CtyOrdinalMap<CtyValue> map)
    {
        if (map.Count == 0)
        {
            return EmptyObject;
        }

        var type = new CtyObjectType(map.Select((_, v) => v.Type), null);
        return new CtyValue(type, ValueState.Known, map);
    }

    /// <summary>
    /// Checks that <paramref name="value"/> may stand where <paramref name="type"/> is expected
    /// and retypes a dynamic-typed null/unknown to the concrete type.
    /// </summary>
    private static CtyValue Conform(CtyValue value, CtyType type, string what)
    {
        if (type.IsSatisfiedBy(value.Type))
        {
            return value;
        }

        if (value.Type.IsDynamic)
        {
            // Only null and unknown values are typed dynamic: they take the concrete type.
            return value.IsNull ? Null(type) : Unknown(type);
        }

        throw new ArgumentException($"The {what} has type {value.Type}, but {type} is required.");
    }

    /// <summary>
    /// Finds the element type of a collection: <paramref name="elementType"/> itself, or the one
    /// concrete type all elements share when it contains dynamic. Retypes dynamic null/unknown
    /// elements in place.
    /// </summary>
    private static CtyType UnifyElements(CtyType elementType, CtyValue[] items, string what)
    {
        CtyType? concrete = null;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i] ?? throw new ArgumentException($"The {what} element {i} is null.");
            if (item.Type.IsDynamic)
            {
                // A null or unknown of dynamic type fits any element type.
                continue;
            }

            if (!elementType.IsSatisfiedBy(item.Type))
            {
                throw new ArgumentException($"The {what} element {i} has type {item.Type}, but {elementType} is required.");
            }

            if (concrete is null)
            {
                concrete = item.Type;
            }
            else if (!concrete.Equals(item.Type))
            {
                throw new ArgumentException(
                    $"Inconsistent {what} element types: {concrete} then {item.Type} (element {i}).");
            }
        }

        concrete ??= elementType;
        if (!concrete.IsDynamic)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Type.IsDynamic)
                {
                    items[i] = items[i].IsNull ? Null(concrete) : Unknown(concrete);
                }
            }
        }

        return concrete;
    }

    /// <summary>
    /// A known list, set (already canonical), tuple, map or object of <paramref name="type"/>
    /// without any checks: the caller (a decoder working against a plain type) guarantees that
    /// every element has exactly the element type.
    /// </summary>
    internal static CtyValue CreateUnchecked(CtyType type, object payload) => new(type, ValueState.Known, payload);
}
