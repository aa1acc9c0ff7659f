using System.Collections;
using System.Globalization;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Testing.Configuration;

/// <summary>
/// Decodes a test configuration body against a schema block the way Terraform decodes HCL:
/// unsupported arguments and missing required ones are errors, values are converted to the
/// attribute type (strings to numbers and bools and back), block counts are checked, absent
/// blocks become null (single), empty collections (list/set/map) or an empty object (group).
/// </summary>
public static class ConfigDecoder
{
    /// <summary>Decodes a body; <paramref name="resolve"/> gives the value of a reference.</summary>
    /// <exception cref="ConfigurationException">The body does not fit the schema.</exception>
    public static CtyValue DecodeBody(Block block, IReadOnlyDictionary<string, object?> body, Func<Ref, CtyValue> resolve, string where)
    {
        foreach (var key in body.Keys)
        {
            if (block.FindAttribute(key) is null && block.FindBlock(key) is null)
            {
                throw new ConfigurationException($"{where}: Unsupported argument: An argument named \"{key}\" is not expected here.");
            }
        }

        var attributes = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in block.Attributes)
        {
            body.TryGetValue(attribute.Name, out var raw);
            if (raw is null && attribute.Required)
            {
                throw new ConfigurationException($"{where}: Missing required argument: The argument \"{attribute.Name}\" is required, but no definition was found.");
            }

            if (raw is not null && attribute.Computed && !attribute.Optional)
            {
                throw new ConfigurationException($"{where}: Invalid argument: \"{attribute.Name}\" is computed and cannot be set.");
            }

            attributes[attribute.Name] = Convert(raw, attribute.Type.WithoutOptionalAttributesDeep(), resolve, $"{where}.{attribute.Name}");
        }

        foreach (var nested in block.Blocks)
        {
            body.TryGetValue(nested.TypeName, out var raw);
            attributes[nested.TypeName] = DecodeBlocks(nested, raw, resolve, $"{where}.{nested.TypeName}");
        }

        return CtyValue.Object(block.ImpliedType(), attributes);
    }

    private static CtyValue DecodeBlocks(NestedBlock nested, object? raw, Func<Ref, CtyValue> resolve, string where)
    {
        var type = nested.ImpliedType();
        switch (nested.Nesting)
        {
            case NestingMode.Single:
                return raw is IReadOnlyDictionary<string, object?> single ? DecodeBody(nested.Block, single, resolve, where) : CtyValue.Null(type);
            case NestingMode.Group:
                return DecodeBody(nested.Block, raw as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(), resolve, where);
            case NestingMode.Map:
            {
                var labelled = raw as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
                var entries = labelled.Select(kv => KeyValuePair.Create(kv.Key, DecodeBody(nested.Block, (IReadOnlyDictionary<string, object?>)kv.Value!, resolve, $"{where}[\"{kv.Key}\"]")));
                return CtyValue.Map(type.ElementType, entries);
            }

            default:
            {
                var list = raw switch
                {
                    null => [],
                    IReadOnlyDictionary<string, object?> one => [one],
                    IEnumerable many => many.Cast<IReadOnlyDictionary<string, object?>>().ToList(),
                    _ => throw new ConfigurationException($"{where}: blocks must be given as dictionaries."),
                };
                if (nested.MaxItems > 0 && list.Count > nested.MaxItems)
                {
                    throw new ConfigurationException($"{where}: Too many \"{nested.TypeName}\" blocks: No more than {nested.MaxItems} are allowed.");
                }

                if (list.Count < nested.MinItems)
                {
                    throw new ConfigurationException($"{where}: Insufficient \"{nested.TypeName}\" blocks: At least {nested.MinItems} are required.");
                }

                var elements = list.Select((b, i) => DecodeBody(nested.Block, b, resolve, $"{where}[{i}]")).ToList();
                return nested.Nesting == NestingMode.Set ? CtyValue.Set(type.ElementType, elements) : CtyValue.List(type.ElementType, elements);
            }
        }
    }

    /// <summary>Converts a CLR value (or reference) to a cty value of <paramref name="type"/>.</summary>
    public static CtyValue Convert(object? raw, CtyType type, Func<Ref, CtyValue> resolve, string where)
    {
        switch (raw)
        {
            case null:
                return CtyValue.Null(type);
            case Ref reference:
                return ConvertValue(resolve(reference), type, where);
            case CtyValue value:
                return ConvertValue(value, type, where);
        }

        if (type.IsDynamic)
        {
            return Infer(raw, resolve, where);
        }

        return type.Kind switch
        {
            CtyTypeKind.String => CtyValue.String(raw switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => throw Mismatch(raw, type, where),
            }),
            CtyTypeKind.Number => raw switch
            {
                int i => CtyValue.Number(i),
                long l => CtyValue.Number(l),
                double d => CtyValue.Number(d),
                string s when CtyNumber.TryParse(s, out var n) => CtyValue.Number(n),
                _ => throw Mismatch(raw, type, where),
            },
            CtyTypeKind.Bool => raw switch
            {
                bool b => CtyValue.Bool(b),
                "true" => CtyValue.True,
                "false" => CtyValue.False,
                _ => throw Mismatch(raw, type, where),
            },
            CtyTypeKind.Map when raw is IReadOnlyDictionary<string, object?> map
                => CtyValue.Map(type.ElementType, map.Select(kv => KeyValuePair.Create(kv.Key, Convert(kv.Value, type.ElementType, resolve, $"{where}[\"{kv.Key}\"]")))),
            CtyTypeKind.Object when raw is IReadOnlyDictionary<string, object?> obj
                => CtyValue.Object(type, type.AttributeTypes.ToDictionary(kv => kv.Key, kv => Convert(obj.GetValueOrDefault(kv.Key), kv.Value, resolve, $"{where}.{kv.Key}"), StringComparer.Ordinal)),
            CtyTypeKind.List when raw is IEnumerable list and not string
                => CtyValue.List(type.ElementType, list.Cast<object?>().Select((e, i) => Convert(e, type.ElementType, resolve, $"{where}[{i}]"))),
            CtyTypeKind.Set when raw is IEnumerable set and not string
                => CtyValue.Set(type.ElementType, set.Cast<object?>().Select((e, i) => Convert(e, type.ElementType, resolve, $"{where}[{i}]"))),
            _ => throw Mismatch(raw, type, where),
        };
    }

    private static CtyValue Infer(object raw, Func<Ref, CtyValue> resolve, string where) => raw switch
    {
        string s => CtyValue.String(s),
        bool b => CtyValue.Bool(b),
        int i => CtyValue.Number(i),
        long l => CtyValue.Number(l),
        double d => CtyValue.Number(d),
        IReadOnlyDictionary<string, object?> obj => CtyValue.Object(obj.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? CtyValue.Null(CtyType.Dynamic) : Infer(kv.Value, resolve, where)))),
        IEnumerable seq => CtyValue.Tuple(seq.Cast<object?>().Select(e => e is null ? CtyValue.Null(CtyType.Dynamic) : Infer(e, resolve, where))),
        _ => throw new ConfigurationException($"{where}: cannot use a {raw.GetType().Name} in configuration."),
    };

    private static CtyValue ConvertValue(CtyValue value, CtyType type, string where)
    {
        if (type.IsDynamic || value.Type.Equals(type))
        {
            return value;
        }

        if (!value.IsKnown)
        {
            return CtyValue.Unknown(type);
        }

        if (value.IsNull)
        {
            return CtyValue.Null(type);
        }

        if (type.Kind == CtyTypeKind.String && value.Type.Kind == CtyTypeKind.Number)
        {
            return CtyValue.String(value.AsNumber().ToString());
        }

        if (type.Kind == CtyTypeKind.Number && value.Type.Kind == CtyTypeKind.String && CtyNumber.TryParse(value.AsString(), out var n))
        {
            return CtyValue.Number(n);
        }

        throw new ConfigurationException($"{where}: Incorrect attribute value type: a {value.Type} cannot be used where {type} is required.");
    }

    private static ConfigurationException Mismatch(object raw, CtyType type, string where)
        => new($"{where}: Incorrect attribute value type: {raw.GetType().Name} \"{raw}\" cannot be converted to {type}.");
}
