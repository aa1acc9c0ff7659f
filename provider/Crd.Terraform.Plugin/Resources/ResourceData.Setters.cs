using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Resources;

public sealed partial class ResourceData
{
    /// <summary>Sets a top-level attribute or nested block to a cty value of its type.</summary>
    public void Set(string name, CtyValue value)
    {
        var type = _value.Type.AttributeTypes.TryGetValue(name, out var t)
            ? t
            : throw new ArgumentException($"\"{name}\" is not an attribute or block of this schema.", nameof(name));
        if (!type.IsDynamic && !value.Type.Equals(type) && !(value.IsNull && value.Type.IsDynamic))
        {
            throw new ArgumentException($"Attribute \"{name}\" has type {type}, not {value.Type}.", nameof(value));
        }

        var current = _value.IsNull || !_value.IsKnown ? EmptyObject(Block) : _value;
        var attributes = new Dictionary<string, CtyValue>(current.Attributes, StringComparer.Ordinal)
        {
            [name] = value.IsNull && value.Type.IsDynamic ? CtyValue.Null(type) : value,
        };
        _value = CtyValue.Object(_value.Type, attributes);
        IsModified = true;
    }

    /// <summary>Sets a string attribute (null clears it).</summary>
    public void SetString(string name, string? value)
        => Set(name, value is null ? CtyValue.Null(CtyType.String) : CtyValue.String(value));

    /// <summary>Sets a number attribute (null clears it).</summary>
    public void SetInt64(string name, long? value)
        => Set(name, value is null ? CtyValue.Null(CtyType.Number) : CtyValue.Number(value.Value));

    /// <summary>Sets a number attribute (null clears it).</summary>
    public void SetDouble(string name, double? value)
        => Set(name, value is null ? CtyValue.Null(CtyType.Number) : CtyValue.Number(value.Value));

    /// <summary>Sets a bool attribute (null clears it).</summary>
    public void SetBool(string name, bool? value)
        => Set(name, value is null ? CtyValue.Null(CtyType.Bool) : CtyValue.Bool(value.Value));

    /// <summary>Sets a list or set of strings, following the attribute's type (null clears it).</summary>
    public void SetStrings(string name, IEnumerable<string>? values)
    {
        var type = Get(name).Type;
        if (values is null)
        {
            Set(name, CtyValue.Null(type));
            return;
        }

        var elements = values.Select(CtyValue.String).ToList();
        Set(name, type.Kind == CtyTypeKind.Set ? CtyValue.Set(CtyType.String, elements) : CtyValue.List(CtyType.String, elements));
    }

    /// <summary>Sets a map of strings (null clears it).</summary>
    public void SetStringMap(string name, IReadOnlyDictionary<string, string>? values)
        => Set(name, values is null
            ? CtyValue.Null(CtyType.Map(CtyType.String))
            : CtyValue.Map(CtyType.String, values.Select(kv => KeyValuePair.Create(kv.Key, CtyValue.String(kv.Value)))));

    /// <summary>Marks an attribute unknown (plan only: "known after apply").</summary>
    public void SetUnknown(string name) => Set(name, CtyValue.Unknown(Get(name).Type));

    /// <summary>Sets a list or set nested block from element views.</summary>
    public void SetBlocks(string typeName, IEnumerable<ResourceData> elements)
    {
        var type = Get(typeName).Type;
        var values = elements.Select(e => e.Value).ToList();
        Set(typeName, type.Kind switch
        {
            CtyTypeKind.Set => CtyValue.Set(type.ElementType, values),
            CtyTypeKind.List => CtyValue.List(type.ElementType, values),
            CtyTypeKind.Object => values.Count == 0 ? CtyValue.Null(type) : values[0],
            _ => throw new ArgumentException($"Block \"{typeName}\" cannot be set from a sequence.", nameof(typeName)),
        });
    }

    /// <summary>A new, empty element for a nested block, to fill and pass to <see cref="SetBlocks"/>.</summary>
    public ResourceData NewBlockElement(string typeName)
    {
        var nested = Block.FindBlock(typeName) ?? throw new ArgumentException($"\"{typeName}\" is not a nested block of this schema.", nameof(typeName));
        return Empty(nested.Block);
    }
}
