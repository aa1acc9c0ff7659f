using System.Text.Json;

namespace Crd.Terraform.Plugin.Cty.Json;

public static partial class CtyJsonCodec
{
    // The reader is positioned on the first token of the value; on return it is on the last.
    private static CtyValue DecodeValue(ref Utf8JsonReader reader, CtyType type, bool ignoreUndefined)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return CtyValue.Null(type);
        }

        switch (type.Kind)
        {
            case CtyTypeKind.Dynamic:
                return DecodeDynamic(ref reader, ignoreUndefined);
            case CtyTypeKind.String:
                return reader.TokenType switch
                {
                    JsonTokenType.String => CtyValue.String(reader.GetString()!),
                    JsonTokenType.Number => CtyValue.String(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
                    JsonTokenType.True => CtyValue.String("true"),
                    JsonTokenType.False => CtyValue.String("false"),
                    _ => throw Mismatch(ref reader, type),
                };
            case CtyTypeKind.Number:
                return DecodeNumber(ref reader, type);
            case CtyTypeKind.Bool:
                return reader.TokenType switch
                {
                    JsonTokenType.True => CtyValue.True,
                    JsonTokenType.False => CtyValue.False,
                    // cty's string-to-bool conversion.
                    JsonTokenType.String when reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("1"u8) => CtyValue.True,
                    JsonTokenType.String when reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("0"u8) => CtyValue.False,
                    _ => throw Mismatch(ref reader, type),
                };
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
            case CtyTypeKind.Tuple:
                return DecodeArray(ref reader, type, ignoreUndefined);
            default:
                return DecodeObjectOrMap(ref reader, type, ignoreUndefined);
        }
    }

    private static CtyValue DecodeNumber(ref Utf8JsonReader reader, CtyType type)
    {
        CtyNumber number;
        var parsed = reader.TokenType switch
        {
            JsonTokenType.Number => CtyNumber.TryParse(reader.ValueSpan, out number),
            JsonTokenType.String => CtyNumber.TryParse(reader.GetString(), out number),
            _ => throw Mismatch(ref reader, type),
        };
        return parsed ? CtyValue.Number(number) : throw Fail(ref reader, "a number is required");
    }

    private static CtyValue DecodeArray(ref Utf8JsonReader reader, CtyType type, bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Mismatch(ref reader, type);
        }

        var items = new List<CtyValue>();
        while (true)
        {
            Next(ref reader, type);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            CtyType elementType;
            if (type.Kind == CtyTypeKind.Tuple)
            {
                if (items.Count >= type.ElementTypes.Count)
                {
                    throw Fail(ref reader, $"too many tuple elements (need {type.ElementTypes.Count})");
                }

                elementType = type.ElementTypes[items.Count];
            }
            else
            {
                elementType = type.ElementType;
            }

            items.Add(DecodeValue(ref reader, elementType, ignoreUndefined));
        }

        switch (type.Kind)
        {
            case CtyTypeKind.Tuple:
                if (items.Count != type.ElementTypes.Count)
                {
                    throw Fail(ref reader, $"not enough tuple elements (need {type.ElementTypes.Count})");
                }

                return type.IsPlain ? CtyValue.CreateUnchecked(type, items.ToArray()) : CtyValue.Tuple(items);
            case CtyTypeKind.List:
                return type.IsPlain ? CtyValue.CreateUnchecked(type, items.ToArray()) : CtyValue.List(type.ElementType, items);
            default:
                return CtyValue.Set(type.ElementType, items);
        }
    }

    private static CtyValue DecodeObjectOrMap(ref Utf8JsonReader reader, CtyType type, bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(ref reader, type);
        }

        // Later duplicates replace earlier ones, as Go's encoding/json into a map does.
        var entries = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        while (true)
        {
            Next(ref reader, type);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var key = reader.GetString()!;
            Next(ref reader, type);
            CtyType elementType;
            if (type.Kind == CtyTypeKind.Map)
            {
                elementType = type.ElementType;
            }
            else if (!type.AttributeTypes.TryGetValue(key, out elementType!))
            {
                if (!ignoreUndefined)
                {
                    throw Fail(ref reader, $"unsupported attribute \"{key}\" for {type}");
                }

                reader.Skip();
                continue;
            }

            entries[key] = DecodeValue(ref reader, elementType, ignoreUndefined);
        }

        if (type.Kind == CtyTypeKind.Map)
        {
            return type.IsPlain
                ? CtyValue.CreateUnchecked(type, CtyOrdinalMap<CtyValue>.Create(entries))
                : CtyValue.Map(type.ElementType, entries);
        }

        // Missing attributes become null (go-cty cty/json unmarshal.go).
        var map = ((CtyObjectType)type).OrderedAttributes.Select((name, attributeType) =>
            entries.TryGetValue(name, out var value) ? value : CtyValue.Null(attributeType));
        return type.IsPlain ? CtyValue.CreateUnchecked(type, map) : CtyValue.FromAttributeMap(map);
    }

    /// <summary><c>{"value": ..., "type": ...}</c> in either order (go-cty unmarshalDynamic).</summary>
    private static CtyValue DecodeDynamic(ref Utf8JsonReader reader, bool ignoreUndefined)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, "a dynamic value must be an object with \"value\" and \"type\"");
        }

        CtyType? concrete = null;
        var valueStart = default(Utf8JsonReader);
        var hasValue = false;
        while (true)
        {
            Next(ref reader, CtyType.Dynamic);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("type"u8))
            {
                Next(ref reader, CtyType.Dynamic);
                concrete = CtyType.ReadType(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                Next(ref reader, CtyType.Dynamic);
                valueStart = reader;
                hasValue = true;
                reader.Skip();
            }
            else
            {
                throw Fail(ref reader, $"invalid key \"{reader.GetString()}\" in a dynamic value");
            }
        }

        if (concrete is null)
        {
            throw Fail(ref reader, "missing type in a dynamic value");
        }

        if (!hasValue)
        {
            throw Fail(ref reader, "missing value in a dynamic value");
        }

        // Decode the value from its saved position now that the type is known.
        return DecodeValue(ref valueStart, concrete, ignoreUndefined);
    }

    private static void Next(ref Utf8JsonReader reader, CtyType type)
    {
        if (!reader.Read())
        {
            throw new CtyFormatException($"json: at offset {reader.BytesConsumed}, unexpected end of data where {type} was expected");
        }
    }

    private static CtyFormatException Mismatch(ref Utf8JsonReader reader, CtyType type) =>
        Fail(ref reader, $"found {reader.TokenType} where {type} was expected");

    private static CtyFormatException Fail(ref Utf8JsonReader reader, string problem) =>
        new($"json: at offset {reader.TokenStartIndex}, {problem}");
}
