using System.Text.Json;

namespace Crd.Terraform.Plugin.Cty.Json;

/// <summary>
/// Encodes and decodes cty values in the JSON form of <c>DynamicValue.json</c> and
/// <c>RawState.json</c> (docs/plugin-protocol/object-wire-format.md "JSON Serialization Rules",
/// go-cty cty/json). Numbers keep arbitrary precision; a dynamic slot holds
/// <c>{"value": ..., "type": ...}</c>. JSON cannot carry unknowns.
/// </summary>
public static partial class CtyJsonCodec
{
    private const int MaxDepth = 256;

    /// <summary>
    /// Encodes a wholly known value as compact JSON exactly as go-cty writes it (object
    /// attributes and map keys sorted, Go's string escaping, numbers in plain decimal).
    /// </summary>
    /// <exception cref="InvalidOperationException">The value contains an unknown or an infinity.</exception>
    /// <exception cref="ArgumentException">The value does not conform to the type.</exception>
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        var writer = new GoJsonWriter();
        try
        {
            EncodeValue(writer, value, type);
        }
        catch (CtyEncodeMismatchException ex)
        {
            throw ex.ToArgumentException();
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Decodes JSON as a value of <paramref name="type"/>, as leniently as go-cty: missing object
    /// attributes become null, numbers may be JSON strings, strings accept numbers and bools,
    /// bools accept <c>"true"</c>/<c>"false"</c>. Attributes the type does not declare are errors.
    /// </summary>
    /// <exception cref="CtyFormatException">The JSON is malformed or does not fit the type.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> utf8Json, CtyType type) => DecodeCore(utf8Json, type, ignoreUndefined: false);

    /// <summary>
    /// As <see cref="Decode"/>, but object attributes the type does not declare are skipped:
    /// for state written by an older schema (UpgradeResourceState, MoveResourceState).
    /// </summary>
    /// <exception cref="CtyFormatException">The JSON is malformed or does not fit the type.</exception>
    public static CtyValue DecodeIgnoringUndefinedAttributes(ReadOnlySpan<byte> utf8Json, CtyType type) =>
        DecodeCore(utf8Json, type, ignoreUndefined: true);

    private static CtyValue DecodeCore(ReadOnlySpan<byte> utf8Json, CtyType type, bool ignoreUndefined)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            Next(ref reader, type);
            var value = DecodeValue(ref reader, type, ignoreUndefined);
            if (reader.Read())
            {
                throw Fail(ref reader, "unexpected data after the value");
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw new CtyFormatException($"json: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way.
            throw new CtyFormatException($"json: at offset {reader.TokenStartIndex}, {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // Value factories reject elements of inconsistent types in dynamic collections.
            throw new CtyFormatException($"json: at offset {reader.TokenStartIndex}, {ex.Message}", ex);
        }
    }
}
