using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Schema;

/// <summary>
/// A schema block: attributes plus nested block types (<c>Schema.Block</c>). Its
/// <see cref="ImpliedType"/> is the cty object type of the values Terraform sends for it.
/// </summary>
public sealed class Block
{
    private CtyType? _impliedType;
    private Dictionary<string, SchemaAttribute>? _attributesByName;
    private Dictionary<string, NestedBlock>? _blocksByName;

    /// <summary>The block's attributes.</summary>
    public IList<SchemaAttribute> Attributes { get; init; } = new List<SchemaAttribute>();

    /// <summary>The block's nested block types.</summary>
    public IList<NestedBlock> Blocks { get; init; } = new List<NestedBlock>();

    /// <summary>Markdown description of the block.</summary>
    public string Description { get; init; } = "";

    /// <summary>When non-empty, the block is deprecated and this tells what to use instead.</summary>
    public string? DeprecationMessage { get; init; }

    /// <summary>Finds an attribute by name.</summary>
    public SchemaAttribute? FindAttribute(string name)
    {
        _attributesByName ??= Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
        return _attributesByName.GetValueOrDefault(name);
    }

    /// <summary>Finds a nested block type by name.</summary>
    public NestedBlock? FindBlock(string typeName)
    {
        _blocksByName ??= Blocks.ToDictionary(b => b.TypeName, StringComparer.Ordinal);
        return _blocksByName.GetValueOrDefault(typeName);
    }

    /// <summary>
    /// The cty type of this block's values: an object with one attribute per schema attribute and
    /// one per nested block type (single/group: object; list: list(object); set: set(object);
    /// map: map(object)). A list or map block containing a dynamic attribute becomes
    /// <c>dynamic</c> (Terraform decodes it with a tuple/object spec:
    /// internal/configs/configschema/decoder_spec.go).
    /// </summary>
    public CtyType ImpliedType()
    {
        return _impliedType ??= Build();

        CtyType Build()
        {
            var attributes = new Dictionary<string, CtyType>(StringComparer.Ordinal);
            foreach (var attribute in Attributes)
            {
                attributes[attribute.Name] = attribute.Type.WithoutOptionalAttributesDeep();
            }

            foreach (var nested in Blocks)
            {
                attributes[nested.TypeName] = nested.ImpliedType();
            }

            return CtyType.Object(attributes);
        }
    }

    /// <summary>True when any attribute, at any depth, has a dynamic component.</summary>
    public bool ContainsDynamic()
        => Attributes.Any(a => HasDynamic(a.Type)) || Blocks.Any(b => b.Block.ContainsDynamic());

    internal static bool HasDynamic(CtyType type) => type.Kind switch
    {
        CtyTypeKind.Dynamic => true,
        CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map => HasDynamic(type.ElementType),
        CtyTypeKind.Object => type.AttributeTypes.Values.Any(HasDynamic),
        CtyTypeKind.Tuple => type.ElementTypes.Any(HasDynamic),
        _ => false,
    };
}
