namespace Crd.Terraform.Plugin.Cty.Msgpack;

/// <summary>
/// The msgpack format bytes (https://github.com/msgpack/msgpack/blob/master/spec.md#formats).
/// </summary>
public static class MsgpackCode
{
    /// <summary>positive fixint: 0x00..0x7f.</summary>
    public const byte MinFixInt = 0x00;

    /// <summary>Last positive fixint.</summary>
    public const byte MaxFixInt = 0x7f;

    /// <summary>fixmap: 0x80..0x8f, count in the low nibble.</summary>
    public const byte MinFixMap = 0x80;

    /// <summary>Last fixmap.</summary>
    public const byte MaxFixMap = 0x8f;

    /// <summary>fixarray: 0x90..0x9f, count in the low nibble.</summary>
    public const byte MinFixArray = 0x90;

    /// <summary>Last fixarray.</summary>
    public const byte MaxFixArray = 0x9f;

    /// <summary>fixstr: 0xa0..0xbf, length in the low five bits.</summary>
    public const byte MinFixStr = 0xa0;

    /// <summary>Last fixstr.</summary>
    public const byte MaxFixStr = 0xbf;

    /// <summary>nil.</summary>
    public const byte Nil = 0xc0;

    /// <summary>Never used by the format.</summary>
    public const byte NeverUsed = 0xc1;

    /// <summary>false.</summary>
    public const byte False = 0xc2;

    /// <summary>true.</summary>
    public const byte True = 0xc3;

    /// <summary>bin 8.</summary>
    public const byte Bin8 = 0xc4;

    /// <summary>bin 16.</summary>
    public const byte Bin16 = 0xc5;

    /// <summary>bin 32.</summary>
    public const byte Bin32 = 0xc6;

    /// <summary>ext 8.</summary>
    public const byte Ext8 = 0xc7;

    /// <summary>ext 16.</summary>
    public const byte Ext16 = 0xc8;

    /// <summary>ext 32.</summary>
    public const byte Ext32 = 0xc9;

    /// <summary>float 32.</summary>
    public const byte Float32 = 0xca;

    /// <summary>float 64.</summary>
    public const byte Float64 = 0xcb;

    /// <summary>uint 8.</summary>
    public const byte UInt8 = 0xcc;

    /// <summary>uint 16.</summary>
    public const byte UInt16 = 0xcd;

    /// <summary>uint 32.</summary>
    public const byte UInt32 = 0xce;

    /// <summary>uint 64.</summary>
    public const byte UInt64 = 0xcf;

    /// <summary>int 8.</summary>
    public const byte Int8 = 0xd0;

    /// <summary>int 16.</summary>
    public const byte Int16 = 0xd1;

    /// <summary>int 32.</summary>
    public const byte Int32 = 0xd2;

    /// <summary>int 64.</summary>
    public const byte Int64 = 0xd3;

    /// <summary>fixext 1.</summary>
    public const byte FixExt1 = 0xd4;

    /// <summary>fixext 2.</summary>
    public const byte FixExt2 = 0xd5;

    /// <summary>fixext 4.</summary>
    public const byte FixExt4 = 0xd6;

    /// <summary>fixext 8.</summary>
    public const byte FixExt8 = 0xd7;

    /// <summary>fixext 16.</summary>
    public const byte FixExt16 = 0xd8;

    /// <summary>str 8.</summary>
    public const byte Str8 = 0xd9;

    /// <summary>str 16.</summary>
    public const byte Str16 = 0xda;

    /// <summary>str 32.</summary>
    public const byte Str32 = 0xdb;

    /// <summary>array 16.</summary>
    public const byte Array16 = 0xdc;

    /// <summary>array 32.</summary>
    public const byte Array32 = 0xdd;

    /// <summary>map 16.</summary>
    public const byte Map16 = 0xde;

    /// <summary>map 32.</summary>
    public const byte Map32 = 0xdf;

    /// <summary>negative fixint: 0xe0..0xff (-32..-1).</summary>
    public const byte MinNegativeFixInt = 0xe0;

    /// <summary>Last negative fixint.</summary>
    public const byte MaxNegativeFixInt = 0xff;

    /// <summary>True for any extension format (fixext 1..16, ext 8/16/32).</summary>
    public static bool IsExtension(byte code) =>
        code is Ext8 or Ext16 or Ext32 or (>= FixExt1 and <= FixExt16);

    /// <summary>True for any integer format.</summary>
    public static bool IsInteger(byte code) =>
        code <= MaxFixInt || code >= MinNegativeFixInt || code is (>= UInt8 and <= Int64);

    /// <summary>True for any str format.</summary>
    public static bool IsString(byte code) => code is (>= MinFixStr and <= MaxFixStr) or Str8 or Str16 or Str32;

    /// <summary>True for any bin format.</summary>
    public static bool IsBinary(byte code) => code is Bin8 or Bin16 or Bin32;

    /// <summary>The name of a format byte for error messages: <c>bool</c>, <c>fixarray</c>, <c>str8</c>...</summary>
    public static string Describe(byte code) => code switch
    {
        <= MaxFixInt => "positive fixint",
        <= MaxFixMap => "fixmap",
        <= MaxFixArray => "fixarray",
        <= MaxFixStr => "fixstr",
        Nil => "nil",
        NeverUsed => "never-used byte",
        False or True => "bool",
        Bin8 => "bin8",
        Bin16 => "bin16",
        Bin32 => "bin32",
        Ext8 => "ext8",
        Ext16 => "ext16",
        Ext32 => "ext32",
        Float32 => "float32",
        Float64 => "float64",
        UInt8 => "uint8",
        UInt16 => "uint16",
        UInt32 => "uint32",
        UInt64 => "uint64",
        Int8 => "int8",
        Int16 => "int16",
        Int32 => "int32",
        Int64 => "int64",
        >= FixExt1 and <= FixExt16 => "fixext",
        Str8 => "str8",
        Str16 => "str16",
        Str32 => "str32",
        Array16 => "array16",
        Array32 => "array32",
        Map16 => "map16",
        Map32 => "map32",
        _ => "negative fixint",
    };
}
