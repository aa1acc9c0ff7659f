using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// A msgpack writer over an <see cref="IBufferWriter{T}"/>. Integers are written in the most
/// compact form as vmihailenco/msgpack does with <c>UseCompactInts(true)</c> (what Terraform
/// uses): non-negative values as positive fixint/uint8/16/32/64, negative ones as negative
/// fixint/int8/16/32/64. Lengths use the smallest header (fixstr, str8, ...).
/// </summary>
public ref struct MsgpackWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public MsgpackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes nil.</summary>
    public readonly void WriteNil() => WriteByte(MsgpackCode.Nil);

    /// <summary>Writes true or false.</summary>
    public readonly void WriteBoolean(bool value) => WriteByte(value ? MsgpackCode.True : MsgpackCode.False);

    /// <summary>Writes a signed integer in the most compact form.</summary>
    public readonly void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgpackCode.Int8;
            span[1] = unchecked((byte)(sbyte)value);
            _output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            var span = _output.GetSpan(3);
            span[0] = MsgpackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            var span = _output.GetSpan(5);
            span[0] = MsgpackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = MsgpackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>Writes an unsigned integer in the most compact form.</summary>
    public readonly void WriteUInt64(ulong value)
    {
        if (value <= MsgpackCode.MaxFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgpackCode.UInt8;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = MsgpackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            var span = _output.GetSpan(5);
            span[0] = MsgpackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = MsgpackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>Writes a float64 (Terraform never uses float32 for numbers).</summary>
    public readonly void WriteDouble(double value)
    {
        var span = _output.GetSpan(9);
        span[0] = MsgpackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>Writes a str holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    public readonly void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length);
        var span = _output.GetSpan(length);
        var written = Encoding.UTF8.GetBytes(value, span);
        _output.Advance(written);
    }

    /// <summary>Writes a str holding already-encoded UTF-8 bytes.</summary>
    public readonly void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes a bin.</summary>
    public readonly void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgpackCode.Bin8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteHeader16(MsgpackCode.Bin16, (ushort)length);
        }
        else
        {
            WriteHeader32(MsgpackCode.Bin32, (uint)length);
        }

        WriteRaw(bytes);
    }

    /// <summary>Writes an array header; the elements follow.</summary>
    public readonly void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MsgpackCode.MinFixArray | count));
        }
        else if (count <= ushort.MaxValue)
        {
            WriteHeader16(MsgpackCode.Array16, (ushort)count);
        }
        else
        {
            WriteHeader32(MsgpackCode.Array32, (uint)count);
        }
    }

    /// <summary>Writes a map header; <paramref name="count"/> key/value pairs follow.</summary>
    public readonly void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MsgpackCode.MinFixMap | count));
        }
        else if (count <= ushort.MaxValue)
        {
            WriteHeader16(MsgpackCode.Map16, (ushort)count);
        }
        else
        {
            WriteHeader32(MsgpackCode.Map32, (uint)count);
        }
    }

    /// <summary>
    /// Writes an extension header; <paramref name="length"/> payload bytes follow. Uses fixext
    /// for lengths 1, 2, 4, 8 and 16 as vmihailenco/msgpack does (so <c>d4 00 00</c> for a
    /// one-byte payload of type 0).
    /// </summary>
    public readonly void WriteExtensionHeader(sbyte typeCode, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var fixCode = length switch
        {
            1 => MsgpackCode.FixExt1,
            2 => MsgpackCode.FixExt2,
            4 => MsgpackCode.FixExt4,
            8 => MsgpackCode.FixExt8,
            16 => MsgpackCode.FixExt16,
            _ => (byte)0,
        };
        if (fixCode != 0)
        {
            WriteByte(fixCode);
        }
        else if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgpackCode.Ext8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteHeader16(MsgpackCode.Ext16, (ushort)length);
        }
        else
        {
            WriteHeader32(MsgpackCode.Ext32, (uint)length);
        }

        WriteByte(unchecked((byte)typeCode));
    }

    /// <summary>Writes bytes as they are (an already-encoded token).</summary>
    public readonly void WriteRaw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    private readonly void WriteStringHeader(int length)
    {
        if (length <= 31)
        {
            WriteByte((byte)(MsgpackCode.MinFixStr | length));
        }
        else if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgpackCode.Str8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteHeader16(MsgpackCode.Str16, (ushort)length);
        }
        else
        {
            WriteHeader32(MsgpackCode.Str32, (uint)length);
        }
    }

    private readonly void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }

    private readonly void WriteHeader16(byte code, ushort value)
    {
        var span = _output.GetSpan(3);
        span[0] = code;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], value);
        _output.Advance(3);
    }

    private readonly void WriteHeader32(byte code, uint value)
    {
        var span = _output.GetSpan(5);
        span[0] = code;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
        _output.Advance(5);
    }
}
