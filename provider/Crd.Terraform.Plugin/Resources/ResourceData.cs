using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>
/// A schema-aware view of one object value (config, plan or state) with typed getters and
/// setters, so resources read like their docs page instead of walking cty values by hand.
/// Setting converts the CLR value to the attribute's cty type; the SDK checks the result
/// against Terraform's rules before answering.
/// </summary>
public sealed partial class ResourceData
{
    private CtyValue _value;

    /// <summary>Wraps <paramref name="value"/> (an object of <paramref name="block"/>'s implied type, or null).</summary>
    public ResourceData(Block block, CtyValue value)
    {
        Block = block;
        _value = value;
    }

    /// <summary>The schema block this value follows.</summary>
    public Block Block { get; }

    /// <summary>The whole value.</summary>
    public CtyValue Value => _value;

    /// <summary>True when the whole object is null (no resource, or destroy).</summary>
    public bool IsNull => _value.IsNull;

    /// <summary>True once a setter changed the value.</summary>
    public bool IsModified { get; private set; }

    /// <summary>An object of <paramref name="block"/> with every attribute null and no nested blocks.</summary>
    public static ResourceData Empty(Block block) => new(block, EmptyObject(block));

    /// <summary>A null object of <paramref name="block"/>.</summary>
    public static ResourceData Null(Block block) => new(block, CtyValue.Null(block.ImpliedType()));

    /// <summary>Replaces the whole value.</summary>
    public void SetValue(CtyValue value)
    {
        _value = value;
        IsModified = true;
    }

    /// <summary>The value of a top-level attribute or nested block (null value when the object is null).</summary>
    public CtyValue Get(string name)
    {
        var type = _value.Type.AttributeTypes.TryGetValue(name, out var t)
            ? t
            : throw new ArgumentException($"\"{name}\" is not an attribute or block of this schema.", nameof(name));
        return _value.IsNull || !_value.IsKnown ? (_value.IsKnown ? CtyValue.Null(type) : CtyValue.Unknown(type)) : _value.GetAttribute(name);
    }

    /// <summary>True when the attribute's value is unknown (known only after apply).</summary>
    public bool IsUnknown(string name) => !Get(name).IsKnown;

    /// <summary>True when the attribute's value is null.</summary>
    public bool IsNullAttribute(string name) => Get(name).IsNull;

    /// <summary>The string value, or null when null or unknown.</summary>
    public string? GetString(string name) => Known(name) is { } v ? v.AsString() : null;

    /// <summary>The number as a 64-bit integer, or null when null or unknown.</summary>
    public long? GetInt64(string name)
        => Known(name) is { } v ? (v.AsNumber().TryGetInt64(out var i) ? i : checked((long)v.AsNumber().ToDouble())) : null;

    /// <summary>The number as a double, or null when null or unknown.</summary>
    public double? GetDouble(string name) => Known(name) is { } v ? v.AsNumber().ToDouble() : null;

    /// <summary>The bool value, or null when null or unknown.</summary>
    public bool? GetBool(string name) => Known(name) is { } v ? v.AsBool() : null;

    /// <summary>A list or set of strings (unknown elements skipped), or null when null or unknown.</summary>
    public IReadOnlyList<string>? GetStrings(string name)
        => Known(name) is { } v ? v.Elements.Where(e => e.IsKnown && !e.IsNull).Select(e => e.AsString()).ToList() : null;

    /// <summary>A map of strings (unknown values skipped), or null when null or unknown.</summary>
    public IReadOnlyDictionary<string, string>? GetStringMap(string name)
        => Known(name) is { } v
            ? v.MapEntries.Where(e => e.Value.IsKnown && !e.Value.IsNull).ToDictionary(e => e.Key, e => e.Value.AsString(), StringComparer.Ordinal)
            : null;

    /// <summary>The elements of a list, set or map nested block, each as a view over its own block.</summary>
    public IReadOnlyList<ResourceData> GetBlocks(string typeName)
    {
        var nested = Block.FindBlock(typeName) ?? throw new ArgumentException($"\"{typeName}\" is not a nested block of this schema.", nameof(typeName));
        var value = Get(typeName);
        if (value.IsNull || !value.IsKnown)
        {
            return [];
        }

        return nested.Nesting switch
        {
            NestingMode.Single or NestingMode.Group => [new ResourceData(nested.Block, value)],
            NestingMode.Map => value.MapEntries.Values.Select(v => new ResourceData(nested.Block, v)).ToList(),
            _ => value.Elements.Select(v => new ResourceData(nested.Block, v)).ToList(),
        };
    }

    /// <summary>A single or group nested block, or null when absent.</summary>
    public ResourceData? GetBlock(string typeName)
    {
        var blocks = GetBlocks(typeName);
        return blocks.Count == 0 || blocks[0].IsNull ? null : blocks[0];
    }

    private CtyValue? Known(string name)
    {
        var v = Get(name);
        return v.IsNull || !v.IsKnown ? null : v;
    }

    internal static CtyValue EmptyObject(Block block)
    {
        var type = block.ImpliedType();
        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var (name, attrType) in type.AttributeTypes)
        {
            var nested = block.FindBlock(name);
            attributes[name] = nested switch
            {
                { Nesting: NestingMode.List } when attrType.Kind == CtyTypeKind.List => CtyValue.List(attrType.ElementType, []),
                { Nesting: NestingMode.Set } => CtyValue.Set(attrType.ElementType, []),
                { Nesting: NestingMode.Map } when attrType.Kind == CtyTypeKind.Map => CtyValue.Map(attrType.ElementType, []),
                { Nesting: NestingMode.Group } => EmptyObject(nested.Block),
                _ => CtyValue.Null(attrType),
            };
        }

        return CtyValue.Object(type, attributes);
    }
}
