using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// A forward-only msgpack reader over a span. Every read either succeeds or throws
/// <see cref="CtyFormatException"/> naming the offset, the byte found and what was expected;
/// lengths and counts are checked against the bytes that remain before anything is
/// allocated, so hostile input cannot make the reader allocate more than its own size.
/// </summary>
public ref struct MsgpackReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader at the start of <paramref name="data"/>.</summary>
    public MsgpackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Offset of the next token.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    private readonly ReadOnlySpan<byte> Rest => _data[_position..];

    /// <summary>The format byte of the next token, not consumed.</summary>
    public readonly byte PeekCode(string expected)
    {
        if (_position >= _data.Length)
        {
            ThrowEndOfData(expected);
        }

        return _data[_position];
    }

    /// <summary>Consumes a nil and returns true if the next token is nil.</summary>
    public bool TryReadNil()
    {
        if (_position < _data.Length && _data[_position] == MsgpackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads true or false.</summary>
    public bool ReadBoolean(string expected = "bool")
    {
        Check(MsgpackPrimitives.TryReadBoolean(Rest, out var value, out var size), expected);
        _position += size;
        return value;
    }

    /// <summary>Reads an array header; the count is checked against the remaining bytes.</summary>
    public int ReadArrayHeader(string expected = "array")
    {
        Check(MsgpackPrimitives.TryReadArrayHeader(Rest, out var count, out var size), expected);
        if (count > Remaining - size)
        {
            ThrowAt(_position, $"array of {count} elements is longer than the {Remaining - size} bytes left, where {expected} was expected");
        }

        _position += size;
        return count;
    }

    /// <summary>Reads a map header; the count is checked against the remaining bytes.</summary>
    public int ReadMapHeader(string expected = "map")
    {
        Check(MsgpackPrimitives.TryReadMapHeader(Rest, out var count, out var size), expected);
        if (2L * count > Remaining - size)
        {
            ThrowAt(_position, $"map of {count} entries is longer than the {Remaining - size} bytes left, where {expected} was expected");
        }

        _position += size;
        return count;
    }

    /// <summary>Reads a str or bin token and returns its bytes.</summary>
    public ReadOnlySpan<byte> ReadStringOrBinary(string expected = "string")
    {
        Check(MsgpackPrimitives.TryReadStringOrBinaryHeader(Rest, out var length, out var size), expected);
        return TakePayload(size, length, expected);
    }

    /// <summary>Reads a str (or bin) token holding UTF-8 text.</summary>
    public string ReadString(string expected = "string")
    {
        var start = _position;
        var bytes = ReadStringOrBinary(expected);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            ThrowAt(start, $"string is not valid UTF-8 where {expected} was expected");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Reads any integer format; see <see cref="MsgpackPrimitives.TryReadInteger"/> for the
    /// meaning of <paramref name="negative"/>.
    /// </summary>
    public ulong ReadInteger(out bool negative, string expected = "integer")
    {
        Check(MsgpackPrimitives.TryReadInteger(Rest, out var bits, out negative, out var size), expected);
        _position += size;
        return bits;
    }

    /// <summary>Reads any integer format that fits a signed 64-bit value.</summary>
    public long ReadInt64(string expected = "integer")
    {
        Check(MsgpackPrimitives.TryReadInt64(Rest, out var value, out var size), expected);
        _position += size;
        return value;
    }

    /// <summary>Reads float32 or float64.</summary>
    public double ReadDouble(string expected = "float")
    {
        Check(MsgpackPrimitives.TryReadDouble(Rest, out var value, out var size), expected);
        _position += size;
        return value;
    }

    /// <summary>Reads an extension token; returns its type code and gives its payload.</summary>
    public sbyte ReadExtension(out ReadOnlySpan<byte> payload, string expected = "extension")
    {
        Check(MsgpackPrimitives.TryReadExtensionHeader(Rest, out var typeCode, out var length, out var size), expected);
        payload = TakePayload(size, length, expected);
        return typeCode;
    }

    /// <summary>Skips one complete value, refusing nesting deeper than <paramref name="maxDepth"/>.</summary>
    public void Skip(int maxDepth)
    {
        if (maxDepth < 0)
        {
            ThrowAt(_position, "nesting is too deep");
        }

        var code = PeekCode("a value");
        switch (code)
        {
            case MsgpackCode.Nil:
            case MsgpackCode.True:
            case MsgpackCode.False:
                _position++;
                return;
            case MsgpackCode.Float32:
            case MsgpackCode.Float64:
                ReadDouble("a value");
                return;
        }

        if (MsgpackCode.IsInteger(code))
        {
            ReadInteger(out _, "a value");
        }
        else if (MsgpackCode.IsString(code) || MsgpackCode.IsBinary(code))
        {
            ReadStringOrBinary("a value");
        }
        else if (MsgpackCode.IsExtension(code))
        {
            ReadExtension(out _, "a value");
        }
        else if (code is (>= MsgpackCode.MinFixArray and <= MsgpackCode.MaxFixArray) or MsgpackCode.Array16 or MsgpackCode.Array32)
        {
            var count = ReadArrayHeader("a value");
            for (var i = 0; i < count; i++)
            {
                Skip(maxDepth - 1);
            }
        }
        else if (code is (>= MsgpackCode.MinFixMap and <= MsgpackCode.MaxFixMap) or MsgpackCode.Map16 or MsgpackCode.Map32)
        {
            var count = ReadMapHeader("a value");
            for (var i = 0; i < count; i++)
            {
                Skip(maxDepth - 1);
                Skip(maxDepth - 1);
            }
        }
        else
        {
            ThrowMismatch("a value");
        }
    }

    /// <summary>Throws the standard "found X where Y was expected" error for the next token.</summary>
    [DoesNotReturn]
    public readonly void ThrowMismatch(string expected)
    {
        if (_position >= _data.Length)
        {
            ThrowEndOfData(expected);
        }

        var code = _data[_position];
        ThrowAt(_position, $"found 0x{code:x2} ({MsgpackCode.Describe(code)}) where {expected} was expected");
    }

    /// <summary>Throws a <see cref="CtyFormatException"/> for a problem at <paramref name="offset"/>.</summary>
    [DoesNotReturn]
    public static void ThrowAt(int offset, string problem) =>
        throw new CtyFormatException($"msgpack: at offset {offset}, {problem}");

    private ReadOnlySpan<byte> TakePayload(int headerSize, int length, string expected)
    {
        if (length > Remaining - headerSize)
        {
            ThrowAt(_position, $"payload of {length} bytes runs past the end of the data ({Remaining - headerSize} left) where {expected} was expected");
        }

        var payload = _data.Slice(_position + headerSize, length);
        _position += headerSize + length;
        return payload;
    }

    private readonly void Check(MsgpackDecodeResult result, string expected)
    {
        if (result != MsgpackDecodeResult.Success)
        {
            ThrowFor(result, expected);
        }
    }

    [DoesNotReturn]
    private readonly void ThrowFor(MsgpackDecodeResult result, string expected)
    {
        switch (result)
        {
            case MsgpackDecodeResult.EmptyBuffer:
                ThrowEndOfData(expected);
                break;
            case MsgpackDecodeResult.InsufficientBuffer:
                var code = _data[_position];
                ThrowAt(_position, $"0x{code:x2} ({MsgpackCode.Describe(code)}) is cut short by the end of the data where {expected} was expected");
                break;
            case MsgpackDecodeResult.OutOfRange:
                var big = _data[_position];
                ThrowAt(_position, $"found 0x{big:x2} ({MsgpackCode.Describe(big)}) with a value out of range where {expected} was expected");
                break;
            default:
                ThrowMismatch(expected);
                break;
        }
    }

    [DoesNotReturn]
    private readonly void ThrowEndOfData(string expected) =>
        ThrowAt(_position, $"unexpected end of data where {expected} was expected");
}
