namespace Crd.Terraform.Plugin.Cty.Msgpack;

public static partial class CtyMsgpackCodec
{
    private static CtyValue DecodeValue(ref MsgpackReader reader, CtyType type, int depth)
    {
        if (depth > MaxDepth)
        {
            MsgpackReader.ThrowAt(reader.Position, $"nesting deeper than {MaxDepth} levels");
        }

        var code = reader.PeekCode(Describe(type));
        if (MsgpackCode.IsExtension(code))
        {
            return DecodeUnknown(ref reader, type);
        }

        if (type.IsDynamic)
        {
            return DecodeDynamic(ref reader, depth);
        }

        if (reader.TryReadNil())
        {
            return CtyValue.Null(type);
        }

        switch (type.Kind)
        {
            case CtyTypeKind.String:
                return CtyValue.String(reader.ReadString(Describe(type)));
            case CtyTypeKind.Number:
                return CtyValue.Number(ReadNumber(ref reader, "number"));
            case CtyTypeKind.Bool:
                return CtyValue.Bool(reader.ReadBoolean("bool"));
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
                return DecodeListOrSet(ref reader, type, depth);
            case CtyTypeKind.Map:
                return DecodeMap(ref reader, type, depth);
            case CtyTypeKind.Tuple:
                return DecodeTuple(ref reader, type, depth);
            default:
                return DecodeObject(ref reader, type, depth);
        }
    }

    private static CtyValue DecodeListOrSet(ref MsgpackReader reader, CtyType type, int depth)
    {
        var start = reader.Position;
        var count = reader.ReadArrayHeader(Describe(type));
        var elementType = type.ElementType;
        var items = new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = DecodeValue(ref reader, elementType, depth + 1);
        }

        if (type.IsPlain)
        {
            return type.Kind == CtyTypeKind.List
                ? CtyValue.CreateUnchecked(type, items)
                : CtyValue.CreateUnchecked(type, CtySetOrder.Canonicalize(elementType, items));
        }

        try
        {
            return type.Kind == CtyTypeKind.List ? CtyValue.List(elementType, items) : CtyValue.Set(elementType, items);
        }
        catch (ArgumentException ex)
        {
            // Only reachable with dynamic element types: elements of different concrete types.
            MsgpackReader.ThrowAt(start, $"{ex.Message} where {Describe(type)} was expected");
            throw;
        }
    }

    private static CtyValue DecodeMap(ref MsgpackReader reader, CtyType type, int depth)
    {
        var start = reader.Position;
        var count = reader.ReadMapHeader(Describe(type));
        var keys = new string[count];
        var values = new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = reader.ReadString("string map key");
            values[i] = DecodeValue(ref reader, type.ElementType, depth + 1);
        }

        try
        {
            return type.IsPlain
                ? CtyValue.CreateUnchecked(type, CtyOrdinalMap<CtyValue>.FromArrays(keys, values))
                : CtyValue.Map(type.ElementType, keys.Zip(values, KeyValuePair.Create));
        }
        catch (ArgumentException ex)
        {
            MsgpackReader.ThrowAt(start, $"{ex.Message} where {Describe(type)} was expected");
            throw;
        }
    }

    private static CtyValue DecodeTuple(ref MsgpackReader reader, CtyType type, int depth)
    {
        var start = reader.Position;
        var elementTypes = type.ElementTypes;
        var count = reader.ReadArrayHeader(Describe(type));
        if (count != elementTypes.Count)
        {
            MsgpackReader.ThrowAt(start, $"array of {count} elements where {Describe(type)} of {elementTypes.Count} elements was expected");
        }

        var items = new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = DecodeValue(ref reader, elementTypes[i], depth + 1);
        }

        return type.IsPlain ? CtyValue.CreateUnchecked(type, items) : CtyValue.Tuple(items);
    }

    private static CtyValue DecodeObject(ref MsgpackReader reader, CtyType type, int depth)
    {
        var start = reader.Position;
        var attributeTypes = type.AttributeTypes;
        var count = reader.ReadMapHeader(Describe(type));
        if (count != attributeTypes.Count)
        {
            // go-cty unmarshal.go: "an object with %d attributes is required (%d given)".
            MsgpackReader.ThrowAt(start, $"map of {count} entries where an object with {attributeTypes.Count} attributes was expected ({Describe(type)})");
        }

        var names = new string[count];
        var values = new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            var keyOffset = reader.Position;
            var name = reader.ReadString("attribute name");
            if (!attributeTypes.TryGetValue(name, out var attributeType))
            {
                MsgpackReader.ThrowAt(keyOffset, $"unsupported attribute \"{name}\" for {Describe(type)}");
            }

            names[i] = name;
            values[i] = DecodeValue(ref reader, attributeType, depth + 1);
        }

        CtyOrdinalMap<CtyValue> map;
        try
        {
            map = CtyOrdinalMap<CtyValue>.FromArrays(names, values);
        }
        catch (ArgumentException ex)
        {
            MsgpackReader.ThrowAt(start, $"{ex.Message} in {Describe(type)}");
            throw;
        }

        return type.IsPlain ? CtyValue.CreateUnchecked(type, map) : CtyValue.FromAttributeMap(map);
    }

    /// <summary>A value in a dynamic slot: nil, or <c>[type JSON as bin or str, value]</c>.</summary>
    private static CtyValue DecodeDynamic(ref MsgpackReader reader, int depth)
    {
        if (reader.TryReadNil())
        {
            return CtyValue.Null(CtyType.Dynamic);
        }

        var start = reader.Position;
        if (reader.ReadArrayHeader("[type, value] array of a dynamic value") != 2)
        {
            MsgpackReader.ThrowAt(start, "a dynamic value must be a [type, value] array of exactly two elements");
        }

        var typeOffset = reader.Position;
        var typeJson = reader.ReadStringOrBinary("type JSON of a dynamic value");
        CtyType concrete;
        try
        {
            concrete = CtyType.FromJson(typeJson);
        }
        catch (CtyFormatException ex)
        {
            MsgpackReader.ThrowAt(typeOffset, $"invalid type of a dynamic value: {ex.Message}");
            throw;
        }

        return DecodeValue(ref reader, concrete, depth + 1);
    }

    /// <summary>Any integer, float32/64, or a str/bin holding decimal text (go-cty unmarshal.go).</summary>
    private static CtyNumber ReadNumber(ref MsgpackReader reader, string expected)
    {
        var start = reader.Position;
        var code = reader.PeekCode(expected);
        if (MsgpackCode.IsInteger(code))
        {
            var bits = reader.ReadInteger(out var negative, expected);
            return negative ? CtyNumber.FromInt64(unchecked((long)bits)) : CtyNumber.FromUInt64(bits);
        }

        if (code is MsgpackCode.Float32 or MsgpackCode.Float64)
        {
            var real = reader.ReadDouble(expected);
            if (double.IsNaN(real))
            {
                MsgpackReader.ThrowAt(start, $"NaN where {expected} was expected");
            }

            return CtyNumber.FromDouble(real);
        }

        if (MsgpackCode.IsString(code) || MsgpackCode.IsBinary(code))
        {
            var text = reader.ReadStringOrBinary(expected);
            if (!CtyNumber.TryParse(text, out var parsed))
            {
                MsgpackReader.ThrowAt(start, $"string is not a decimal number where {expected} was expected");
            }

            return parsed;
        }

        reader.ThrowMismatch(expected);
        return default;
    }
}
