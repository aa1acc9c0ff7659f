using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>Small value helpers over schema blocks shared by the consistency rules.</summary>
internal static class BlockValues
{
    /// <summary>
    /// What an empty configuration block decodes to: every attribute null, single blocks null,
    /// group blocks empty objects, list/set/map blocks empty collections (an empty tuple or object
    /// when the block holds a dynamic attribute). Terraform configschema/empty_value.go.
    /// </summary>
    public static CtyValue EmptyValue(Block block)
    {
        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in block.Attributes)
        {
            attributes[attribute.Name] = CtyValue.Null(attribute.Type.WithoutOptionalAttributesDeep());
        }

        foreach (var nested in block.Blocks)
        {
            attributes[nested.TypeName] = EmptyValue(nested);
        }

        return CtyValue.Object(block.ImpliedType(), attributes);
    }

    /// <summary>The value of a nested block type with no blocks configured.</summary>
    public static CtyValue EmptyValue(NestedBlock nested)
    {
        var element = nested.Block.ImpliedType();
        return nested.Nesting switch
        {
            NestingMode.Single => CtyValue.Null(element),
            NestingMode.Group => EmptyValue(nested.Block),
            NestingMode.List => nested.Block.ContainsDynamic() ? CtyValue.Tuple([]) : CtyValue.List(element, []),
            NestingMode.Map => nested.Block.ContainsDynamic()
                ? CtyValue.EmptyObject
                : CtyValue.Map(element, []),
            NestingMode.Set => CtyValue.Set(element, []),
            _ => CtyValue.Null(CtyType.Dynamic),
        };
    }

    /// <summary>
    /// The attribute <paramref name="name"/> of an object value, or null/unknown of
    /// <paramref name="type"/> when the object itself is null/unknown (go-cty's <c>GetAttr</c>
    /// on an unknown object yields an unknown attribute).
    /// </summary>
    public static CtyValue AttributeOrEmpty(CtyValue value, string name, CtyType type)
    {
        if (value.IsNull)
        {
            return CtyValue.Null(type);
        }

        return value.IsKnown ? value.GetAttribute(name) : CtyValue.Unknown(type);
    }

    /// <summary>
    /// The entries of a map-like value: a map, or the object a map block with dynamic content
    /// decodes to. Empty for null or unknown values.
    /// </summary>
    public static IReadOnlyDictionary<string, CtyValue> Entries(CtyValue value)
    {
        // Anything else (null, unknown, or a provider's value of the wrong shape) has no entries;
        // type conformance is checked separately.
        return !value.IsKnownAndNotNull ? new Dictionary<string, CtyValue>()
            : value.Type.IsObject ? value.Attributes
            : value.Type.Kind == CtyTypeKind.Map ? value.MapEntries
            : new Dictionary<string, CtyValue>();
    }

    /// <summary>The elements of a list-like value (list, set or tuple); empty for anything else.</summary>
    public static IReadOnlyList<CtyValue> Elements(CtyValue value) =>
        value.IsKnownAndNotNull && value.Type.Kind is CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Tuple
            ? value.Elements
            : [];
}
