using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Cty.Msgpack;

namespace Crd.Terraform.Plugin.Tests.Cty;

/// <summary>The go-cty wire vectors (TestData/cty-wire-vectors.json) through both codecs.</summary>
public sealed class CtyWireVectorTests
{
    public static TheoryData<string> GoCtyVectors => CtyWireVectors.Names(v => !v.IsHandMade);

    public static TheoryData<string> JsonVectors => CtyWireVectors.Names(v => v.Json is not null);

    public static TheoryData<string> AllVectors => CtyWireVectors.Names(_ => true);

    [Fact]
    public void Vectors_File_HasGoCtyAndHandMadeEntries()
    {
        Assert.True(CtyWireVectors.All.Count >= 30);
        Assert.True(CtyWireVectors.All.Values.Count(v => v.IsHandMade) >= 4);
    }

    [Theory]
    [MemberData(nameof(GoCtyVectors))]
    public void Msgpack_GoCtyVector_RoundTripsByteForByte(string name)
    {
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);

        var value = CtyMsgpackCodec.Decode(vector.Msgpack, type);
        var encoded = CtyMsgpackCodec.Encode(value, type);

        Assert.Equal(Convert.ToHexString(vector.Msgpack), Convert.ToHexString(encoded));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Msgpack_Vector_DecodesToStableValue(string name)
    {
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);

        var value = CtyMsgpackCodec.Decode(vector.Msgpack, type);
        var again = CtyMsgpackCodec.Decode(CtyMsgpackCodec.Encode(value, type), type);

        Assert.Equal(value, again);
        Assert.True(type.IsSatisfiedBy(value.Type) || value.Type.IsDynamic, $"{value.Type} does not conform to {type}");
    }

    [Theory]
    [MemberData(nameof(GoCtyVectors))]
    public void TypeJson_Vector_RoundTripsCompact(string name)
    {
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);

        var compact = System.Text.Json.Nodes.JsonNode.Parse(vector.TypeJson)!.ToJsonString();
        Assert.Equal(compact, type.ToJson());
        Assert.Equal(type, CtyType.FromJson(type.ToJson()));
    }

    [Theory]
    [MemberData(nameof(JsonVectors))]
    public void Json_Vector_DecodesToSameValueAsMsgpack(string name)
    {
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);

        var fromJson = CtyJsonCodec.Decode(Encoding.UTF8.GetBytes(vector.Json!), type);
        var fromMsgpack = CtyMsgpackCodec.Decode(vector.Msgpack, type);

        Assert.Equal(fromMsgpack, fromJson);
    }

    [Theory]
    [MemberData(nameof(JsonVectors))]
    public void Json_Vector_EncodesEquivalentJson(string name)
    {
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);
        var value = CtyMsgpackCodec.Decode(vector.Msgpack, type);

        var json = Encoding.UTF8.GetString(CtyJsonCodec.Encode(value, type));

        Assert.True(JsonSemantics.AreEquivalent(vector.Json!, json), $"expected {vector.Json}, got {json}");
    }

    [Theory]
    [MemberData(nameof(JsonVectors))]
    public void Json_Vector_EncodesGoCtyBytes(string name)
    {
        // The vectors keep go-cty's member order; compacting them gives go-cty's exact bytes
        // (after undoing System.Text.Json's escaping of non-BMP characters).
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);
        var value = CtyMsgpackCodec.Decode(vector.Msgpack, type);
        var options = new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var compact = System.Text.Json.Nodes.JsonNode.Parse(vector.Json!)?.ToJsonString(options) ?? "null";

        // System.Text.Json always escapes characters outside the BMP; Go writes them raw.
        compact = System.Text.RegularExpressions.Regex.Replace(
            compact,
            @"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})",
            m => string.Concat(
                (char)Convert.ToInt32(m.Groups[1].Value, 16),
                (char)Convert.ToInt32(m.Groups[2].Value, 16)));

        Assert.Equal(compact, Encoding.UTF8.GetString(CtyJsonCodec.Encode(value, type)));
    }

    [Fact]
    public void Msgpack_RefinedStringPrefixVector_DecodesNotNullWithPrefix()
    {
        var value = DecodeVector("refined_unknown_string_prefix");

        Assert.False(value.IsKnown);
        Assert.Equal(CtyType.String, value.Type);
        Assert.Equal(new CtyRefinements { IsNull = false, StringPrefix = "ab" }, value.Refinements);
    }

    [Fact]
    public void Msgpack_RefinedNumberBoundsVector_DecodesHalfOpenRange()
    {
        var value = DecodeVector("refined_unknown_number_bounds");

        Assert.False(value.IsKnown);
        var refinements = Assert.IsType<CtyRefinements>(value.Refinements);
        Assert.False(refinements.IsNull);
        Assert.Equal((CtyNumber.FromInt64(0), true), refinements.NumberLowerBound);
        Assert.Equal((CtyNumber.FromInt64(10), false), refinements.NumberUpperBound);
    }

    [Fact]
    public void Msgpack_RefinedListLengthVector_DecodesLengthOneToThree()
    {
        var value = DecodeVector("refined_unknown_list_length");

        Assert.False(value.IsKnown);
        Assert.Equal(CtyType.List(CtyType.String), value.Type);
        Assert.Equal(new CtyRefinements { LengthLowerBound = 1, LengthUpperBound = 3 }, value.Refinements);
    }

    [Fact]
    public void Msgpack_OtherExtensionCodeVector_DecodesPlainUnknown()
    {
        var value = DecodeVector("unknown_other_ext_code");

        Assert.Equal(CtyValue.Unknown(CtyType.String), value);
        Assert.Null(value.Refinements);
    }

    [Theory]
    [InlineData("refined_unknown_string_prefix")]
    [InlineData("refined_unknown_number_bounds")]
    [InlineData("refined_unknown_list_length")]
    public void Msgpack_RefinedVector_ReencodesIdentically(string name)
    {
        // Our encoder writes refinements in go-cty's key order, so these also round-trip.
        var vector = CtyWireVectors.Get(name);
        var type = CtyType.FromJson(vector.TypeJson);

        var encoded = CtyMsgpackCodec.Encode(CtyMsgpackCodec.Decode(vector.Msgpack, type), type);

        Assert.Equal(Convert.ToHexString(vector.Msgpack), Convert.ToHexString(encoded));
    }

    [Fact]
    public void Msgpack_ObjectVector_DecodesAttributes()
    {
        var value = DecodeVector("object");

        Assert.Equal("vm", value.GetAttribute("name").AsString());
        Assert.False(value.GetAttribute("on").AsBool());
        Assert.Equal(2L, value.GetAttribute("size").AsNumber().TryGetInt64(out var size) ? size : -1);
        Assert.Equal(["x"], value.GetAttribute("tags").Elements.Select(e => e.AsString()));
    }

    [Fact]
    public void Msgpack_DynamicObjectVector_DecodesConcreteType()
    {
        var value = DecodeVector("dynamic_object");

        Assert.Equal(CtyType.FromJson("""["object",{"a":"number"}]"""), value.Type);
        Assert.Equal(CtyNumber.FromInt64(1), value.GetAttribute("a").AsNumber());
    }

    private static CtyValue DecodeVector(string name)
    {
        var vector = CtyWireVectors.Get(name);
        return CtyMsgpackCodec.Decode(vector.Msgpack, CtyType.FromJson(vector.TypeJson));
    }
}
