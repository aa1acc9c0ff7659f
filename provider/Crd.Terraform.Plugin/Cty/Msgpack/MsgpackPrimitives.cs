using System.Buffers.Binary;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// Stateless msgpack token decoders over a span. Each reads one token at the start of
/// <c>source</c>, reports how many bytes it spans in <c>tokenSize</c> and returns a
/// <see cref="MsgpackDecodeResult"/> instead of throwing, so callers decide how to fail.
/// Header readers do not read the payload that follows (string bytes, array elements).
/// </summary>
public static class MsgpackPrimitives
{
    /// <summary>Reads nil.</summary>
    public static MsgpackDecodeResult TryReadNil(ReadOnlySpan<byte> source, out int tokenSize)
    {
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        return source[0] == MsgpackCode.Nil ? MsgpackDecodeResult.Success : MsgpackDecodeResult.TokenMismatch;
    }

    /// <summary>Reads true or false.</summary>
    public static MsgpackDecodeResult TryReadBoolean(ReadOnlySpan<byte> source, out bool value, out int tokenSize)
    {
        tokenSize = 1;
        value = false;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        switch (source[0])
        {
            case MsgpackCode.True:
                value = true;
                return MsgpackDecodeResult.Success;
            case MsgpackCode.False:
                return MsgpackDecodeResult.Success;
            default:
                return MsgpackDecodeResult.TokenMismatch;
        }
    }

    /// <summary>Reads an array header (fixarray, array16, array32).</summary>
    public static MsgpackDecodeResult TryReadArrayHeader(ReadOnlySpan<byte> source, out int count, out int tokenSize) =>
        TryReadContainerHeader(
            source, MsgpackCode.MinFixArray, MsgpackCode.MaxFixArray, MsgpackCode.Array16, MsgpackCode.Array32,
            out count, out tokenSize);

    /// <summary>Reads a map header (fixmap, map16, map32); the count is of key/value pairs.</summary>
    public static MsgpackDecodeResult TryReadMapHeader(ReadOnlySpan<byte> source, out int count, out int tokenSize) =>
        TryReadContainerHeader(
            source, MsgpackCode.MinFixMap, MsgpackCode.MaxFixMap, MsgpackCode.Map16, MsgpackCode.Map32,
            out count, out tokenSize);

    /// <summary>Reads the header of a str (fixstr, str8/16/32); <paramref name="length"/> is in bytes.</summary>
    public static MsgpackDecodeResult TryReadStringHeader(ReadOnlySpan<byte> source, out int length, out int tokenSize)
    {
        length = 0;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        var code = source[0];
        if (code is >= MsgpackCode.MinFixStr and <= MsgpackCode.MaxFixStr)
        {
            length = code & 0x1f;
            return MsgpackDecodeResult.Success;
        }

        return code switch
        {
            MsgpackCode.Str8 => ReadLength(source, 1, out length, out tokenSize),
            MsgpackCode.Str16 => ReadLength(source, 2, out length, out tokenSize),
            MsgpackCode.Str32 => ReadLength(source, 4, out length, out tokenSize),
            _ => MsgpackDecodeResult.TokenMismatch,
        };
    }

    /// <summary>Reads the header of a bin (bin8/16/32); <paramref name="length"/> is in bytes.</summary>
    public static MsgpackDecodeResult TryReadBinaryHeader(ReadOnlySpan<byte> source, out int length, out int tokenSize)
    {
        length = 0;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        return source[0] switch
        {
            MsgpackCode.Bin8 => ReadLength(source, 1, out length, out tokenSize),
            MsgpackCode.Bin16 => ReadLength(source, 2, out length, out tokenSize),
            MsgpackCode.Bin32 => ReadLength(source, 4, out length, out tokenSize),
            _ => MsgpackDecodeResult.TokenMismatch,
        };
    }

    /// <summary>
    /// Reads the header of a str or a bin. Terraform's decoder (vmihailenco/msgpack) accepts
    /// either for strings and bytes, so we do too.
    /// </summary>
    public static MsgpackDecodeResult TryReadStringOrBinaryHeader(ReadOnlySpan<byte> source, out int length, out int tokenSize)
    {
        var result = TryReadStringHeader(source, out length, out tokenSize);
        return result == MsgpackDecodeResult.TokenMismatch
            ? TryReadBinaryHeader(source, out length, out tokenSize)
            : result;
    }

    /// <summary>Reads any integer format as a signed 64-bit value.</summary>
    public static MsgpackDecodeResult TryReadInt64(ReadOnlySpan<byte> source, out long value, out int tokenSize)
    {
        value = 0;
        var result = TryReadInteger(source, out var magnitude, out var negative, out tokenSize);
        if (result != MsgpackDecodeResult.Success)
        {
            return result;
        }

        if (negative)
        {
            value = unchecked((long)magnitude);
            return MsgpackDecodeResult.Success;
        }

        if (magnitude > long.MaxValue)
        {
            return MsgpackDecodeResult.OutOfRange;
        }

        value = (long)magnitude;
        return MsgpackDecodeResult.Success;
    }

    /// <summary>
    /// Reads any integer format. For a negative value <paramref name="negative"/> is true and
    /// <paramref name="bits"/> holds the two's-complement bits of the signed value; otherwise
    /// <paramref name="bits"/> is the unsigned value (uint64 may exceed <see cref="long.MaxValue"/>).
    /// </summary>
    public static MsgpackDecodeResult TryReadInteger(ReadOnlySpan<byte> source, out ulong bits, out bool negative, out int tokenSize)
    {
        bits = 0;
        negative = false;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        var code = source[0];
        if (code <= MsgpackCode.MaxFixInt)
        {
            bits = code;
            return MsgpackDecodeResult.Success;
        }

        if (code >= MsgpackCode.MinNegativeFixInt)
        {
            bits = unchecked((ulong)(long)(sbyte)code);
            negative = true;
            return MsgpackDecodeResult.Success;
        }

        var size = code switch
        {
            MsgpackCode.UInt8 or MsgpackCode.Int8 => 1,
            MsgpackCode.UInt16 or MsgpackCode.Int16 => 2,
            MsgpackCode.UInt32 or MsgpackCode.Int32 => 4,
            MsgpackCode.UInt64 or MsgpackCode.Int64 => 8,
            _ => 0,
        };
        if (size == 0)
        {
            return MsgpackDecodeResult.TokenMismatch;
        }

        tokenSize = 1 + size;
        if (source.Length < tokenSize)
        {
            return MsgpackDecodeResult.InsufficientBuffer;
        }

        var payload = source.Slice(1, size);
        long signed;
        switch (code)
        {
            case MsgpackCode.UInt8:
                bits = payload[0];
                return MsgpackDecodeResult.Success;
            case MsgpackCode.UInt16:
                bits = BinaryPrimitives.ReadUInt16BigEndian(payload);
                return MsgpackDecodeResult.Success;
            case MsgpackCode.UInt32:
                bits = BinaryPrimitives.ReadUInt32BigEndian(payload);
                return MsgpackDecodeResult.Success;
            case MsgpackCode.UInt64:
                bits = BinaryPrimitives.ReadUInt64BigEndian(payload);
                return MsgpackDecodeResult.Success;
            case MsgpackCode.Int8:
                signed = (sbyte)payload[0];
                break;
            case MsgpackCode.Int16:
                signed = BinaryPrimitives.ReadInt16BigEndian(payload);
                break;
            case MsgpackCode.Int32:
                signed = BinaryPrimitives.ReadInt32BigEndian(payload);
                break;
            default:
                signed = BinaryPrimitives.ReadInt64BigEndian(payload);
                break;
        }

        negative = signed < 0;
        bits = unchecked((ulong)signed);
        return MsgpackDecodeResult.Success;
    }

    /// <summary>Reads float32 or float64 as a double.</summary>
    public static MsgpackDecodeResult TryReadDouble(ReadOnlySpan<byte> source, out double value, out int tokenSize)
    {
        value = 0;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        switch (source[0])
        {
            case MsgpackCode.Float32:
                tokenSize = 5;
                if (source.Length < 5)
                {
                    return MsgpackDecodeResult.InsufficientBuffer;
                }

                value = BinaryPrimitives.ReadSingleBigEndian(source[1..]);
                return MsgpackDecodeResult.Success;
            case MsgpackCode.Float64:
                tokenSize = 9;
                if (source.Length < 9)
                {
                    return MsgpackDecodeResult.InsufficientBuffer;
                }

                value = BinaryPrimitives.ReadDoubleBigEndian(source[1..]);
                return MsgpackDecodeResult.Success;
            default:
                return MsgpackDecodeResult.TokenMismatch;
        }
    }

    /// <summary>Reads an extension header (fixext 1..16, ext 8/16/32); the payload follows.</summary>
    public static MsgpackDecodeResult TryReadExtensionHeader(
        ReadOnlySpan<byte> source, out sbyte typeCode, out int length, out int tokenSize)
    {
        typeCode = 0;
        length = 0;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        var code = source[0];
        int lengthSize;
        switch (code)
        {
            case MsgpackCode.FixExt1:
                length = 1;
                lengthSize = 0;
                break;
            case MsgpackCode.FixExt2:
                length = 2;
                lengthSize = 0;
                break;
            case MsgpackCode.FixExt4:
                length = 4;
                lengthSize = 0;
                break;
            case MsgpackCode.FixExt8:
                length = 8;
                lengthSize = 0;
                break;
            case MsgpackCode.FixExt16:
                length = 16;
                lengthSize = 0;
                break;
            case MsgpackCode.Ext8:
                lengthSize = 1;
                break;
            case MsgpackCode.Ext16:
                lengthSize = 2;
                break;
            case MsgpackCode.Ext32:
                lengthSize = 4;
                break;
            default:
                return MsgpackDecodeResult.TokenMismatch;
        }

        if (lengthSize > 0)
        {
            var result = ReadLength(source, lengthSize, out length, out _);
            if (result != MsgpackDecodeResult.Success)
            {
                tokenSize = 1 + lengthSize + 1;
                return result;
            }
        }

        tokenSize = 1 + lengthSize + 1;
        if (source.Length < tokenSize)
        {
            return MsgpackDecodeResult.InsufficientBuffer;
        }

        typeCode = (sbyte)source[1 + lengthSize];
        return MsgpackDecodeResult.Success;
    }

    private static MsgpackDecodeResult TryReadContainerHeader(
        ReadOnlySpan<byte> source, byte minFix, byte maxFix, byte code16, byte code32, out int count, out int tokenSize)
    {
        count = 0;
        tokenSize = 1;
        if (source.IsEmpty)
        {
            return MsgpackDecodeResult.EmptyBuffer;
        }

        var code = source[0];
        if (code >= minFix && code <= maxFix)
        {
            count = code & 0x0f;
            return MsgpackDecodeResult.Success;
        }

        if (code == code16)
        {
            return ReadLength(source, 2, out count, out tokenSize);
        }

        return code == code32 ? ReadLength(source, 4, out count, out tokenSize) : MsgpackDecodeResult.TokenMismatch;
    }

    // Reads a big-endian unsigned length of 1, 2 or 4 bytes after the format byte.
    private static MsgpackDecodeResult ReadLength(ReadOnlySpan<byte> source, int size, out int length, out int tokenSize)
    {
        length = 0;
        tokenSize = 1 + size;
        if (source.Length < tokenSize)
        {
            return MsgpackDecodeResult.InsufficientBuffer;
        }

        uint value = size switch
        {
            1 => source[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(source[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(source[1..]),
        };
        if (value > int.MaxValue)
        {
            return MsgpackDecodeResult.OutOfRange;
        }

        length = (int)value;
        return MsgpackDecodeResult.Success;
    }
}
