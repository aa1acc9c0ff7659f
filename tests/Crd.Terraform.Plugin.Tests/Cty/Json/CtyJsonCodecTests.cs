using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Json;

namespace Crd.Terraform.Plugin.Tests.Cty.Json;

public sealed class CtyJsonCodecTests
{
    private static readonly CtyType s_vm = CtyType.FromJson(
        """["object",{"name":"string","on":"bool","size":"number","tags":["set","string"]}]""");

    [Fact]
    public void Encode_Object_CompactSortedAsGoCty()
    {
        var value = CtyValue.Object(s_vm, new Dictionary<string, CtyValue>
        {
            ["tags"] = CtyValue.Set(CtyType.String, [CtyValue.String("y"), CtyValue.String("x")]),
            ["size"] = CtyValue.Number(2),
            ["name"] = CtyValue.String("vm"),
            ["on"] = CtyValue.False,
        });

        Assert.Equal("""{"name":"vm","on":false,"size":2,"tags":["x","y"]}""", Encode(value, s_vm));
    }

    [Fact]
    public void Encode_DynamicSlot_ValueThenType()
    {
        Assert.Equal("""{"value":"dyn","type":"string"}""", Encode(CtyValue.String("dyn"), CtyType.Dynamic));
        Assert.Equal("null", Encode(CtyValue.Null(CtyType.Dynamic), CtyType.Dynamic));
    }

    [Fact]
    public void Encode_SpecialCharacters_EscapedAsGoDoes()
    {
        Assert.Equal("\"\\u003ca\\u0026b\\u003e \\\"q\\\" \\\\ \\n \\u0001 \\u2028 é\"",
            Encode(CtyValue.String("<a&b> \"q\" \\ \n \u0001 \u2028 é"), CtyType.String));
    }

    [Theory]
    [InlineData("123456789012345678901234567890.125")]
    [InlineData("0.1")]
    [InlineData("-1e-30")]
    [InlineData("1e30")]
    public void Json_BigAndSmallNumbers_RoundTripExactly(string text)
    {
        var value = Decode(text, CtyType.Number);

        Assert.Equal(CtyNumber.Parse(text), value.AsNumber());
        Assert.Equal(CtyNumber.Parse(text).ToString(), Encode(value, CtyType.Number));
    }

    [Fact]
    public void Encode_Unknown_ThrowsInvalidOperation()
    {
        var list = CtyValue.List(CtyType.String, [CtyValue.Unknown(CtyType.String)]);

        Assert.Throws<InvalidOperationException>(() => CtyJsonCodec.Encode(list, list.Type));
    }

    [Fact]
    public void Encode_Infinity_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => CtyJsonCodec.Encode(CtyValue.Number(double.PositiveInfinity), CtyType.Number));
    }

    [Fact]
    public void Decode_MissingAttributes_BecomeNull()
    {
        var value = Decode("""{"name":"vm"}""", s_vm);

        Assert.Equal(s_vm, value.Type);
        Assert.True(value.GetAttribute("size").IsNull);
        Assert.True(value.GetAttribute("tags").IsNull);
    }

    [Fact]
    public void Decode_LenientPrimitives_ConvertLikeGoCty()
    {
        Assert.Equal(CtyNumber.FromInt64(42), Decode("\"42\"", CtyType.Number).AsNumber());
        Assert.Equal("42.50", Decode("42.50", CtyType.String).AsString());
        Assert.Equal("true", Decode("true", CtyType.String).AsString());
        Assert.True(Decode("\"true\"", CtyType.Bool).AsBool());
        Assert.False(Decode("\"0\"", CtyType.Bool).AsBool());
    }

    [Theory]
    [InlineData("\"yes\"", "bool")]
    [InlineData("\"12a\"", "number")]
    [InlineData("[]", "string")]
    [InlineData("{}", "[\"list\",\"string\"]")]
    [InlineData("[1]", "[\"tuple\",[\"number\",\"number\"]]")]
    [InlineData("[1,2,3]", "[\"tuple\",[\"number\",\"number\"]]")]
    [InlineData("{\"name\":\"vm\",\"extra\":1}", "[\"object\",{\"name\":\"string\"}]")]
    [InlineData("{\"a\":", "[\"map\",\"string\"]")]
    [InlineData("[1,]", "[\"list\",\"number\"]")]
    [InlineData("\"x\" \"y\"", "string")]
    [InlineData("", "string")]
    [InlineData("{\"value\":1}", "dynamic")]
    [InlineData("{\"type\":\"number\"}", "dynamic")]
    [InlineData("{\"type\":\"number\",\"value\":1,\"x\":2}", "dynamic")]
    [InlineData("{\"type\":\"nope\",\"value\":1}", "dynamic")]
    [InlineData("[{\"type\":\"number\",\"value\":1},{\"type\":\"string\",\"value\":\"a\"}]", "[\"list\",\"dynamic\"]")]
    public void Decode_Invalid_ThrowsCtyFormatException(string json, string typeJson)
    {
        Assert.Throws<CtyFormatException>(() => CtyJsonCodec.Decode(Encoding.UTF8.GetBytes(json), CtyType.FromJson(typeJson)));
    }

    [Fact]
    public void Decode_InvalidUtf8_ThrowsCtyFormatException()
    {
        Assert.Throws<CtyFormatException>(() => CtyJsonCodec.Decode([(byte)'"', 0xc3, 0x28, (byte)'"'], CtyType.String));
    }

    [Fact]
    public void DecodeIgnoringUndefinedAttributes_ExtraAttributesAtAnyDepth_Skipped()
    {
        var type = CtyType.FromJson("""["object",{"name":"string","disks":["list",["object",{"size":"number"}]]}]""");

        var value = CtyJsonCodec.DecodeIgnoringUndefinedAttributes(
            Encoding.UTF8.GetBytes("""{"old":{"deep":[1,2]},"name":"vm","disks":[{"size":10,"kind":"ssd"}]}"""), type);

        Assert.Equal("vm", value.GetAttribute("name").AsString());
        Assert.Equal(CtyNumber.FromInt64(10), value.GetAttribute("disks").Elements[0].GetAttribute("size").AsNumber());
        Assert.Throws<CtyFormatException>(() => CtyJsonCodec.DecodeIgnoringUndefinedAttributes("{\"name\":"u8, type));
    }

    [Fact]
    public void Decode_DynamicWithTypeAfterValue_Decodes()
    {
        var value = Decode("""{"value":{"a":[1,2]},"type":["object",{"a":["list","number"]}]}""", CtyType.Dynamic);

        Assert.Equal(CtyType.FromJson("""["object",{"a":["list","number"]}]"""), value.Type);
        Assert.Equal(2, value.GetAttribute("a").Length);
    }

    [Fact]
    public void Decode_DuplicateMapKey_LastWins()
    {
        var value = Decode("""{"k":"1","k":"2"}""", CtyType.Map(CtyType.String));

        Assert.Equal("2", value.MapEntries["k"].AsString());
    }

    [Fact]
    public void Json_NestedDynamicInObject_RoundTripsExactly()
    {
        const string Json = """{"v":{"value":[true],"type":["list","bool"]}}""";
        var type = CtyType.FromJson("""["object",{"v":"dynamic"}]""");

        Assert.Equal(Json, Encode(Decode(Json, type), type));
    }

    private static CtyValue Decode(string json, CtyType type) => CtyJsonCodec.Decode(Encoding.UTF8.GetBytes(json), type);

    private static string Encode(CtyValue value, CtyType type) => Encoding.UTF8.GetString(CtyJsonCodec.Encode(value, type));
}
