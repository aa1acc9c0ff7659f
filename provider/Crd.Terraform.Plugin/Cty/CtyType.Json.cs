using System.Text.Json;
using Crd.Terraform.Plugin.Cty.Json;

namespace Crd.Terraform.Plugin.Cty;

public abstract partial class CtyType
{
    private const int MaxTypeDepth = 128;

    /// <summary>
    /// The type JSON of this type, exactly as go-cty writes it: <c>"string"</c>,
    /// <c>["list","string"]</c>, <c>["object",{"a":"string"}]</c>, with a third element listing
    /// sorted optional attribute names only when there are some, <c>"dynamic"</c>.
    /// </summary>
    public string ToJson()
    {
        var writer = new GoJsonWriter();
        WriteJson(writer);
        return writer.ToString();
    }

    /// <summary>The type JSON as UTF-8 bytes (the form carried in dynamic-value wrappers).</summary>
    public byte[] ToJsonUtf8()
    {
        var writer = new GoJsonWriter();
        WriteJson(writer);
        return writer.ToArray();
    }

    internal void WriteJson(GoJsonWriter writer)
    {
        switch (Kind)
        {
            case CtyTypeKind.String:
                writer.WriteRaw("\"string\""u8);
                break;
            case CtyTypeKind.Number:
                writer.WriteRaw("\"number\""u8);
                break;
            case CtyTypeKind.Bool:
                writer.WriteRaw("\"bool\""u8);
                break;
            case CtyTypeKind.Dynamic:
                writer.WriteRaw("\"dynamic\""u8);
                break;
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
            case CtyTypeKind.Map:
                writer.WriteRaw(Kind switch
                {
                    CtyTypeKind.List => "[\"list\","u8,
                    CtyTypeKind.Set => "[\"set\","u8,
                    _ => "[\"map\","u8,
                });
                ElementType.WriteJson(writer);
                writer.WriteRaw((byte)']');
                break;
            case CtyTypeKind.Tuple:
                writer.WriteRaw("[\"tuple\",["u8);
                var first = true;
                foreach (var element in ElementTypes)
                {
                    if (!first)
                    {
                        writer.WriteRaw((byte)',');
                    }

                    first = false;
                    element.WriteJson(writer);
                }

                writer.WriteRaw("]]"u8);
                break;
            case CtyTypeKind.Object:
                writer.WriteRaw("[\"object\",{"u8);
                var firstAttr = true;
                foreach (var (name, type) in AttributeTypes)
                {
                    if (!firstAttr)
                    {
                        writer.WriteRaw((byte)',');
                    }

                    firstAttr = false;
                    writer.WriteString(name);
                    writer.WriteRaw((byte)':');
                    type.WriteJson(writer);
                }

                writer.WriteRaw((byte)'}');
                if (OptionalAttributes.Count > 0)
                {
                    writer.WriteRaw(",["u8);
                    var names = OptionalAttributes.ToArray();
                    Array.Sort(names, CtyStringOrder.Instance);
                    for (var i = 0; i < names.Length; i++)
                    {
                        if (i > 0)
                        {
                            writer.WriteRaw((byte)',');
                        }

                        writer.WriteString(names[i]);
                    }

                    writer.WriteRaw((byte)']');
                }

                writer.WriteRaw((byte)']');
                break;
        }
    }

    /// <summary>
    /// Parses type JSON (as in <c>Schema.Attribute.type</c>).
    /// </summary>
    /// <exception cref="CtyFormatException">
    /// The JSON is malformed, names an unknown type, has extra elements or trailing data.
    /// </exception>
    public static CtyType FromJson(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxTypeDepth + 2 });
        try
        {
            Read(ref reader);
            var type = ReadType(ref reader);
            if (reader.Read())
            {
                throw Fail(ref reader, "unexpected data after the type");
            }

            return type;
        }
        catch (JsonException ex)
        {
            throw new CtyFormatException($"type JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            throw new CtyFormatException($"type JSON: at offset {reader.TokenStartIndex}, {ex.Message}", ex);
        }
    }

    /// <summary>Parses type JSON given as a string.</summary>
    /// <exception cref="CtyFormatException">The JSON is not a valid type.</exception>
    public static CtyType FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads one type starting at the reader's current token.</summary>
    internal static CtyType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("string"u8))
            {
                return String;
            }

            if (reader.ValueTextEquals("number"u8))
            {
                return Number;
            }

            if (reader.ValueTextEquals("bool"u8))
            {
                return Bool;
            }

            if (reader.ValueTextEquals("dynamic"u8))
            {
                return Dynamic;
            }

            throw Fail(ref reader, $"invalid primitive type name \"{reader.GetString()}\"");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(ref reader, $"found {reader.TokenType} where a type was expected");
        }

        if (reader.CurrentDepth >= MaxTypeDepth)
        {
            throw Fail(ref reader, "type nesting too deep");
        }

        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail(ref reader, "a type kind string was expected");
        }

        CtyType result;
        if (reader.ValueTextEquals("list"u8) || reader.ValueTextEquals("set"u8) || reader.ValueTextEquals("map"u8))
        {
            var kind = reader.ValueTextEquals("list"u8) ? CtyTypeKind.List
                : reader.ValueTextEquals("set"u8) ? CtyTypeKind.Set : CtyTypeKind.Map;
            Read(ref reader);
            result = new CtyCollectionType(kind, ReadType(ref reader));
        }
        else if (reader.ValueTextEquals("tuple"u8))
        {
            Read(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Fail(ref reader, "tuple element types must be an array");
            }

            var elements = new List<CtyType>();
            while (true)
            {
                Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                elements.Add(ReadType(ref reader));
            }

            result = new CtyTupleType(elements);
        }
        else if (reader.ValueTextEquals("object"u8))
        {
            result = ReadObjectType(ref reader);
        }
        else
        {
            throw Fail(ref reader, $"invalid complex type kind \"{reader.GetString()}\"");
        }

        Read(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Fail(ref reader, "unexpected extra element in the type array");
        }

        return result;
    }

    private static CtyType ReadObjectType(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, "object attribute types must be a JSON object");
        }

        var names = new List<string>();
        var types = new List<CtyType>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                throw Fail(ref reader, $"duplicate object attribute \"{name}\"");
            }

            Read(ref reader);
            names.Add(name);
            types.Add(ReadType(ref reader));
        }

        var attributes = CtyOrdinalMap<CtyType>.FromArrays([.. names], [.. types]);

        // An optional third element lists optional attributes (go-cty ObjectWithOptionalAttrs).
        var checkpoint = reader;
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader = checkpoint;
            return new CtyObjectType(attributes, null);
        }

        var optional = new List<string>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw Fail(ref reader, "optional attribute names must be strings");
            }

            var name = reader.GetString()!;
            if (!attributes.ContainsKey(name))
            {
                throw Fail(ref reader, $"optional attribute \"{name}\" is not an attribute of the object");
            }

            optional.Add(name);
        }

        return new CtyObjectType(attributes, optional);
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new CtyFormatException($"type JSON: unexpected end of data at offset {reader.BytesConsumed}");
        }
    }

    private static CtyFormatException Fail(ref Utf8JsonReader reader, string problem) =>
        new($"type JSON: at offset {reader.TokenStartIndex}, {problem}");
}
