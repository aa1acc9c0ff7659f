using System.Buffers;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Msgpack;

namespace Crd.Terraform.Plugin.Tests.Cty.Msgpack;

public sealed class CtyMsgpackCodecTests
{
    private static readonly CtyType s_ab = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["a"] = CtyType.String,
        ["b"] = CtyType.Number,
    });

    [Theory]
    [InlineData("0", "00")]
    [InlineData("127", "7f")]
    [InlineData("128", "cc80")]
    [InlineData("65535", "cdffff")]
    [InlineData("65536", "ce00010000")]
    [InlineData("-1", "ff")]
    [InlineData("-32", "e0")]
    [InlineData("-33", "d0df")]
    [InlineData("-129", "d1ff7f")]
    [InlineData("9223372036854775807", "cf7fffffffffffffff")]
    [InlineData("-9223372036854775808", "d38000000000000000")]
    [InlineData("0.5", "cb3fe0000000000000")]
    [InlineData("-2.25", "cbc002000000000000")]
    [InlineData("0.1", "a3302e31")]
    [InlineData("18446744073709551615", "b43138343436373434303733373039353531363135")]
    [InlineData("9223372036854775808", "b339323233333732303336383534373735383038")]
    [InlineData("Inf", "cb7ff0000000000000")]
    [InlineData("-Inf", "cbfff0000000000000")]
    public void Encode_Number_UsesGoCtyForm(string number, string hex)
    {
        var encoded = CtyMsgpackCodec.Encode(CtyValue.Number(CtyNumber.Parse(number)), CtyType.Number);

        Assert.Equal(hex, Convert.ToHexString(encoded).ToLowerInvariant());
        Assert.Equal(CtyNumber.Parse(number), CtyMsgpackCodec.Decode(encoded, CtyType.Number).AsNumber());
    }

    [Fact]
    public void Encode_NegativeZeroDouble_IsPositiveFixintZero()
    {
        Assert.Equal([0x00], CtyMsgpackCodec.Encode(CtyValue.Number(-0.0), CtyType.Number));
    }

    [Fact]
    public void Encode_1e400_IsDecimalString()
    {
        var encoded = CtyMsgpackCodec.Encode(CtyValue.Number(CtyNumber.Parse("1e400")), CtyType.Number);

        // str16 of 401 characters: "1" and 400 zeros.
        Assert.Equal([0xda, 0x01, 0x91, (byte)'1', (byte)'0'], encoded[..5]);
        Assert.Equal(404, encoded.Length);
    }

    [Theory]
    [InlineData("ca3fc00000", "1.5")]
    [InlineData("cf ffffffffffffffff", "18446744073709551615")]
    [InlineData("d3ffffffffffffffff", "-1")]
    [InlineData("a431652d33", "0.001")]
    [InlineData("c4023432", "42")]
    [InlineData("e0", "-32")]
    public void Decode_AnyNumberForm_Accepted(string hex, string expected)
    {
        var value = CtyMsgpackCodec.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), CtyType.Number);

        Assert.Equal(CtyNumber.Parse(expected), value.AsNumber());
    }

    [Fact]
    public void Decode_BinForString_Accepted()
    {
        Assert.Equal("hi", CtyMsgpackCodec.Decode([0xc4, 0x02, (byte)'h', (byte)'i'], CtyType.String).AsString());
    }

    [Fact]
    public void Decode_WrongTokenForList_MessageNamesOffsetByteAndType()
    {
        var ex = Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode([0x91, 0xc3], CtyType.List(CtyType.List(CtyType.String))));

        Assert.Equal("msgpack: at offset 1, found 0xc3 (bool) where list(string) was expected", ex.Message);
    }

    [Fact]
    public void Decode_ObjectWithTooFewEntries_ThrowsNamingAttributeCount()
    {
        var ex = Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode([0x81, 0xa1, (byte)'a', 0xc0], s_ab));

        Assert.Contains("an object with 2 attributes was expected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("map of 1 entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ObjectWithUnknownAttribute_Throws()
    {
        var ex = Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode([0x82, 0xa1, (byte)'a', 0xc0, 0xa1, (byte)'c', 0xc0], s_ab));

        Assert.Contains("unsupported attribute \"c\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ObjectWithDuplicateAttribute_Throws()
    {
        Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode([0x82, 0xa1, (byte)'a', 0xc0, 0xa1, (byte)'a', 0xc0], s_ab));
    }

    [Fact]
    public void Decode_ObjectKeysInAnyOrder_Accepted()
    {
        var value = CtyMsgpackCodec.Decode([0x82, 0xa1, (byte)'b', 0x01, 0xa1, (byte)'a', 0xa1, (byte)'x'], s_ab);

        Assert.Equal("x", value.GetAttribute("a").AsString());
        Assert.Equal(s_ab, value.Type);
    }

    [Fact]
    public void Decode_TrailingBytes_Throws()
    {
        var ex = Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode([0xc3, 0xc3], CtyType.Bool));

        Assert.Contains("offset 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NestingBeyondCap_ThrowsWithoutStackOverflow()
    {
        var type = CtyType.String;
        for (var i = 0; i < 200; i++)
        {
            type = CtyType.List(type);
        }

        var data = Enumerable.Repeat((byte)0x91, 200).Append((byte)0xc0).ToArray();

        var ex = Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode(data, type));
        Assert.Contains("nesting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DynamicWithDeepType_DecodesConcreteType()
    {
        // A dynamic wrapper whose type is 100 nested lists, within the depth cap.
        var typeJson = string.Concat(Enumerable.Repeat("[\"list\",", 100)) + "\"bool\"" + new string(']', 100);
        var payload = new List<byte> { 0x92, 0xc5 };
        var typeBytes = System.Text.Encoding.UTF8.GetBytes(typeJson);
        payload.AddRange([(byte)(typeBytes.Length >> 8), (byte)typeBytes.Length]);
        payload.AddRange(typeBytes);
        payload.AddRange(Enumerable.Repeat((byte)0x91, 100));
        payload.Add(0xc3);

        var value = CtyMsgpackCodec.Decode(payload.ToArray(), CtyType.Dynamic);

        Assert.Equal(CtyType.FromJson(typeJson), value.Type);
    }

    [Theory]
    [InlineData("ddffffffff")]
    [InlineData("dfffffffff")]
    [InlineData("dbffffffff")]
    [InlineData("c9ffffffff00")]
    [InlineData("dd7fffffff")]
    public void Decode_HugeCountWithLittleData_ThrowsBeforeAllocating(string hex)
    {
        Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode(Convert.FromHexString(hex), CtyType.List(CtyType.String)));
    }

    [Fact]
    public void Decode_InvalidUtf8_Throws()
    {
        var ex = Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode([0xa2, 0xc3, 0x28], CtyType.String));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DynamicListWithMixedElementTypes_Throws()
    {
        // ["list","dynamic"] holding ["string", "a"] and ["number", 1].
        var data = Convert.FromHexString("92" + "92c40822737472696e6722a161" + "92c408226e756d6265722201");

        Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode(data, CtyType.List(CtyType.Dynamic)));
    }

    [Fact]
    public void Decode_MapDuplicateKey_Throws()
    {
        Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode([0x82, 0xa1, (byte)'k', 0xa0, 0xa1, (byte)'k', 0xa0], CtyType.Map(CtyType.String)));
    }

    [Fact]
    public void Decode_TupleWrongLength_Throws()
    {
        Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode([0x91, 0xa0], CtyType.Tuple([CtyType.String, CtyType.Number])));
    }

    [Fact]
    public void Decode_NaN_Throws()
    {
        Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode(Convert.FromHexString("cb7ff8000000000000"), CtyType.Number));
    }

    [Fact]
    public void Encode_NotNullUnknown_WritesExt12()
    {
        var encoded = CtyMsgpackCodec.Encode(CtyValue.Unknown(CtyType.String, CtyRefinements.NotNull), CtyType.String);

        Assert.Equal("c7030c8101c2", Convert.ToHexString(encoded).ToLowerInvariant());
    }

    [Fact]
    public void Encode_RefinementsFillingFixextLength_UseFixext()
    {
        // Payload 81 05 02 81...: map{5: 2} is 3 bytes; map{1:false, 5:2} is 5; map{5:1,6:9} is 5.
        var value = CtyValue.Unknown(CtyType.Set(CtyType.String), new CtyRefinements { LengthLowerBound = 2 });

        Assert.Equal("c7030c810502", Convert.ToHexString(CtyMsgpackCodec.Encode(value, value.Type)).ToLowerInvariant());

        var four = CtyValue.Unknown(CtyType.String, new CtyRefinements { StringPrefix = "a" });
        Assert.Equal("d60c8102a161", Convert.ToHexString(CtyMsgpackCodec.Encode(four, four.Type)).ToLowerInvariant());
    }

    [Theory]
    [InlineData(1024, "", 254)] // cut to 255 bytes, then the last letter may combine: dropped
    [InlineData(255, "-", 256)] // 256 bytes fit as they are
    [InlineData(255, "\U0001F937\U0001F937", 254)]
    [InlineData(300, "-", 254)]
    public void Encode_LongStringPrefix_TruncatedAsGoCty(int letters, string tail, int expectedLength)
    {
        // Expectations from go-cty's TestRoundTrip_truncatesStringPrefixRefinement.
        var value = CtyValue.Unknown(CtyType.String, new CtyRefinements { StringPrefix = new string('d', letters) + tail });

        var decoded = CtyMsgpackCodec.Decode(CtyMsgpackCodec.Encode(value, CtyType.String), CtyType.String);

        var prefix = decoded.Refinements!.StringPrefix!;
        Assert.Equal(expectedLength, prefix.Length);
        Assert.StartsWith(prefix, value.Refinements!.StringPrefix!, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_UnknownInDynamicSlot_IsPlainEvenWhenRefined()
    {
        Assert.Equal([0xd4, 0x00, 0x00], CtyMsgpackCodec.Encode(CtyValue.DynamicUnknown, CtyType.Dynamic));
    }

    [Fact]
    public void Encode_ConcreteNullAndUnknownInDynamicSlot_AreWrapped()
    {
        var nullString = CtyMsgpackCodec.Encode(CtyValue.Null(CtyType.String), CtyType.Dynamic);
        var unknownString = CtyMsgpackCodec.Encode(CtyValue.Unknown(CtyType.String), CtyType.Dynamic);

        Assert.Equal("92c40822737472696e6722c0", Convert.ToHexString(nullString).ToLowerInvariant());
        Assert.Equal("92c40822737472696e6722d40000", Convert.ToHexString(unknownString).ToLowerInvariant());
        Assert.Equal([0xc0], CtyMsgpackCodec.Encode(CtyValue.Null(CtyType.Dynamic), CtyType.Dynamic));
    }

    [Fact]
    public void Decode_RefinedUnknownOfDynamic_DropsRefinements()
    {
        var value = CtyMsgpackCodec.Decode(Convert.FromHexString("c7030c8101c2"), CtyType.Dynamic);

        Assert.Equal(CtyValue.DynamicUnknown, value);
    }

    [Fact]
    public void Decode_UnknownRefinementKey_IsSkipped()
    {
        // {1: false, 99: ["x", {}], 2: "a"}
        var value = CtyMsgpackCodec.Decode(Convert.FromHexString("c70b0c8301c2639" + "2a1788002a161"), CtyType.String);

        Assert.Equal(new CtyRefinements { IsNull = false, StringPrefix = "a" }, value.Refinements);
    }

    [Fact]
    public void Decode_DefinitelyNullRefinement_IsNull()
    {
        Assert.Equal(CtyValue.Null(CtyType.String), CtyMsgpackCodec.Decode(Convert.FromHexString("c7030c8101c3"), CtyType.String));
    }

    [Fact]
    public void Decode_OversizedRefinements_Throws()
    {
        var data = new byte[4 + 1025];
        data[0] = 0xc8;
        data[1] = 0x04;
        data[2] = 0x01;
        data[3] = 0x0c;
        data[4] = 0x80;

        var ex = Assert.Throws<CtyFormatException>(() => CtyMsgpackCodec.Decode(data, CtyType.String));
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RefinementForOtherKind_Ignored()
    {
        // A length bound on a string carries no meaning; the nullness still applies.
        var value = CtyMsgpackCodec.Decode(Convert.FromHexString("c7050c8201c20503"), CtyType.String);

        Assert.Equal(CtyValue.Unknown(CtyType.String, CtyRefinements.NotNull), value);
    }

    [Fact]
    public void Encode_ValueOfWrongType_ThrowsArgumentExceptionWithPath()
    {
        var value = CtyValue.Object([KeyValuePair.Create("a", CtyValue.String("x")), KeyValuePair.Create("b", CtyValue.String("2"))]);

        var ex = Assert.Throws<ArgumentException>(() => CtyMsgpackCodec.Encode(value, s_ab));

        Assert.Contains("at b", ex.Message, StringComparison.Ordinal);
        Assert.Contains("number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NullOrUnknownOfOtherKind_ThrowsButDynamicFits()
    {
        Assert.Throws<ArgumentException>(() => CtyMsgpackCodec.Encode(CtyValue.Null(CtyType.Number), CtyType.String));
        Assert.Throws<ArgumentException>(() => CtyMsgpackCodec.Encode(CtyValue.Unknown(CtyType.Bool), CtyType.String));
        Assert.Equal([0xc0], CtyMsgpackCodec.Encode(CtyValue.Null(CtyType.Dynamic), CtyType.String));
        Assert.Equal([0xd4, 0x00, 0x00], CtyMsgpackCodec.Encode(CtyValue.DynamicUnknown, CtyType.List(CtyType.String)));
    }

    [Fact]
    public void Decode_MalformedRefinements_MessageLocatesTheUnknown()
    {
        // A list value at offset 1 whose refinement map has a string key.
        var ex = Assert.Throws<CtyFormatException>(() =>
            CtyMsgpackCodec.Decode(Convert.FromHexString("91c7040c81a161c2"), CtyType.List(CtyType.String)));

        Assert.StartsWith("msgpack: at offset 1, invalid refinements of an unknown string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_IntoBufferWriter_AppendsAfterExistingBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write<byte>([0xaa]);

        CtyMsgpackCodec.Encode(buffer, CtyValue.String("hello"), CtyType.String);

        Assert.Equal("aaa568656c6c6f", Convert.ToHexString(buffer.WrittenSpan).ToLowerInvariant());
    }

    [Fact]
    public void Encode_LargeCollections_UseWideHeaders()
    {
        var list = CtyValue.List(CtyType.Bool, Enumerable.Repeat(CtyValue.True, 70000));
        var text = CtyValue.String(new string('a', 300));

        var listBytes = CtyMsgpackCodec.Encode(list, list.Type);
        var textBytes = CtyMsgpackCodec.Encode(text, CtyType.String);

        Assert.Equal([0xdd, 0x00, 0x01, 0x11, 0x70], listBytes[..5]);
        Assert.Equal([0xda, 0x01, 0x2c], textBytes[..3]);
        Assert.Equal(list, CtyMsgpackCodec.Decode(listBytes, list.Type));
        Assert.Equal(text, CtyMsgpackCodec.Decode(textBytes, CtyType.String));
    }
}
