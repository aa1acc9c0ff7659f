using System.Buffers;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// Encodes and decodes cty values in the msgpack form of <c>DynamicValue.msgpack</c>
/// (docs/plugin-protocol/object-wire-format.md).
/// </summary>
public static class CtyMsgpackCodec
{
    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="type"/>.</summary>
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(buffer, value, type);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="type"/> into <paramref name="output"/>.</summary>
    public static void Encode(IBufferWriter<byte> output, CtyValue value, CtyType type) =>
        throw new NotImplementedException();

    /// <summary>Decodes a value of <paramref name="type"/>.</summary>
    /// <exception cref="CtyFormatException">The bytes are not a valid encoding of a value of the type.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> data, CtyType type) => throw new NotImplementedException();
}
