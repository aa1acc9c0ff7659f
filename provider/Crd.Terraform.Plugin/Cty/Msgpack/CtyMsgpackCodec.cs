using System.Buffers;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// Encodes and decodes cty values in the msgpack form of <c>DynamicValue.msgpack</c>, byte for
/// byte as go-cty (cty/msgpack) does: docs/plugin-protocol/object-wire-format.md and
/// shared/research/protocol.md §3.2-3.3.
/// </summary>
/// <remarks>
/// Unknowns are extension values: code 0 with a one-byte payload (<c>d4 00 00</c>) when
/// plain, code 12 with an integer-keyed refinement map when refined (Terraform >= 1.6).
/// Values in a dynamic slot travel as <c>[bin(type JSON), value]</c>.
/// </remarks>
public static partial class CtyMsgpackCodec
{
    /// <summary>Nesting depth beyond which input is rejected (MessagePack-CSharp's default is 500; cty types are shallow).</summary>
    public const int MaxDepth = 128;

    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The value does not conform to the type.</exception>
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(buffer, value, type);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Encodes <paramref name="value"/> as a value of <paramref name="type"/> into
    /// <paramref name="output"/> (for example the buffer behind a protobuf <c>ByteString</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The value does not conform to the type.</exception>
    public static void Encode(IBufferWriter<byte> output, CtyValue value, CtyType type)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        var writer = new MsgpackWriter(output);
        try
        {
            EncodeValue(ref writer, value, type);
        }
        catch (CtyEncodeMismatchException ex)
        {
            throw ex.ToArgumentException();
        }
    }

    /// <summary>
    /// Decodes a value of <paramref name="type"/> from exactly <paramref name="data"/> (trailing
    /// bytes are an error).
    /// </summary>
    /// <exception cref="CtyFormatException">
    /// The bytes are not a valid encoding of a value of the type; no other exception escapes
    /// for bad input.
    /// </exception>
    public static CtyValue Decode(ReadOnlySpan<byte> data, CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = new MsgpackReader(data);
        var value = DecodeValue(ref reader, type, 0);
        if (!reader.End)
        {
            MsgpackReader.ThrowAt(reader.Position, $"{reader.Remaining} unexpected bytes after the value of {Describe(type)}");
        }

        return value;
    }

    // Type names go into error messages; the description is cached on the type.
    private static string Describe(CtyType type) => type.Description;
}
