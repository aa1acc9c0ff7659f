using System.Text;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Tests.Cty;

public sealed class CtyTypeTests
{
    [Theory]
    [InlineData("\"string\"")]
    [InlineData("\"number\"")]
    [InlineData("\"bool\"")]
    [InlineData("\"dynamic\"")]
    [InlineData("[\"list\",\"string\"]")]
    [InlineData("[\"set\",[\"map\",\"number\"]]")]
    [InlineData("[\"tuple\",[]]")]
    [InlineData("[\"tuple\",[\"string\",\"bool\"]]")]
    [InlineData("[\"object\",{}]")]
    [InlineData("[\"object\",{\"a\":\"string\",\"b\":[\"list\",\"dynamic\"]}]")]
    [InlineData("[\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"a\",\"b\"]]")]
    public void ToJson_ParsedCompactJson_RoundTripsExactly(string json)
    {
        Assert.Equal(json, CtyType.FromJson(json).ToJson());
    }

    [Fact]
    public void FromJson_WhitespaceAndUnsortedKeys_Normalised()
    {
        var type = CtyType.FromJson(" [ \"object\" , { \"z\" : \"bool\" , \"a\" : \"string\" } ] ");

        Assert.Equal("[\"object\",{\"a\":\"string\",\"z\":\"bool\"}]", type.ToJson());
        Assert.Equal(["a", "z"], type.AttributeTypes.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"strin\"")]
    [InlineData("[]")]
    [InlineData("[\"list\"]")]
    [InlineData("[\"list\",\"string\",\"x\"]")]
    [InlineData("[\"tuple\",\"string\"]")]
    [InlineData("[\"object\",[\"string\"]]")]
    [InlineData("[\"object\",{\"a\":\"string\"},[\"b\"]]")]
    [InlineData("[\"object\",{\"a\":\"string\"},[\"a\"],1]")]
    [InlineData("[\"object\",{\"a\":\"string\",\"a\":\"bool\"}]")]
    [InlineData("[\"capsule\",\"x\"]")]
    [InlineData("\"string\" \"string\"")]
    [InlineData("42")]
    [InlineData("{\"list\":\"string\"}")]
    [InlineData("[\"list\",\"string\"")]
    public void FromJson_Malformed_ThrowsCtyFormatException(string json)
    {
        Assert.Throws<CtyFormatException>(() => CtyType.FromJson(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void FromJson_NestingBeyondCap_ThrowsCtyFormatException()
    {
        var json = string.Concat(Enumerable.Repeat("[\"list\",", 300)) + "\"string\"" + new string(']', 300);

        Assert.Throws<CtyFormatException>(() => CtyType.FromJson(json));
    }

    [Fact]
    public void ToJson_HtmlCharactersInAttributeName_EscapedAsGoDoes()
    {
        var type = CtyType.Object(new Dictionary<string, CtyType> { ["a<b&c>"] = CtyType.String });

        Assert.Equal("[\"object\",{\"a\\u003cb\\u0026c\\u003e\":\"string\"}]", type.ToJson());
        Assert.Equal(type, CtyType.FromJson(type.ToJson()));
    }

    [Fact]
    public void Equals_StructurallyEqualTypes_AreEqualWithSameHash()
    {
        var a = CtyType.Object(new Dictionary<string, CtyType> { ["x"] = CtyType.List(CtyType.String), ["y"] = CtyType.Number });
        var b = CtyType.Object(new Dictionary<string, CtyType> { ["y"] = CtyType.Number, ["x"] = CtyType.List(CtyType.String) });

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(CtyType.List(CtyType.String), CtyType.Set(CtyType.String));
        Assert.NotEqual(a, CtyType.Object(a.AttributeTypes, ["x"]));
    }

    [Fact]
    public void ToString_Types_AreFriendly()
    {
        Assert.Equal("list(string)", CtyType.List(CtyType.String).ToString());
        Assert.Equal("object({name=string})", CtyType.Object(new Dictionary<string, CtyType> { ["name"] = CtyType.String }).ToString());
        Assert.Equal("tuple([string, number])", CtyType.Tuple([CtyType.String, CtyType.Number]).ToString());
        Assert.Equal("map(dynamic)", CtyType.Map(CtyType.Dynamic).ToString());
    }

    [Fact]
    public void Members_WrongKind_ThrowInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => CtyType.String.ElementType);
        Assert.Throws<InvalidOperationException>(() => CtyType.List(CtyType.String).AttributeTypes);
        Assert.Throws<InvalidOperationException>(() => CtyType.Number.ElementTypes);
        Assert.Throws<InvalidOperationException>(() => CtyType.Bool.OptionalAttributes);
    }

    [Fact]
    public void KindPredicates_Types_ClassifyCorrectly()
    {
        Assert.True(CtyType.String.IsPrimitive);
        Assert.False(CtyType.Dynamic.IsPrimitive);
        Assert.True(CtyType.Dynamic.IsDynamic);
        Assert.True(CtyType.Map(CtyType.String).IsCollection);
        Assert.False(CtyType.Tuple([]).IsCollection);
        Assert.True(CtyType.EmptyObject.IsObject);
        Assert.True(CtyType.List(CtyType.Dynamic).HasDynamicTypes);
    }

    [Fact]
    public void WithoutOptionalAttributesDeep_NestedOptional_RemovesAllMarkers()
    {
        var inner = CtyType.Object(new Dictionary<string, CtyType> { ["a"] = CtyType.String }, ["a"]);
        var outer = CtyType.Object(new Dictionary<string, CtyType> { ["l"] = CtyType.List(inner), ["b"] = CtyType.Bool }, ["b"]);

        var stripped = outer.WithoutOptionalAttributesDeep();

        Assert.Equal("[\"object\",{\"b\":\"bool\",\"l\":[\"list\",[\"object\",{\"a\":\"string\"}]]}]", stripped.ToJson());
        Assert.Empty(stripped.OptionalAttributes);
        Assert.Same(CtyType.String, CtyType.String.WithoutOptionalAttributesDeep());
    }

    [Fact]
    public void Object_OptionalNotAnAttribute_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            CtyType.Object(new Dictionary<string, CtyType> { ["a"] = CtyType.String }, ["b"]));
    }

    [Fact]
    public void IsSatisfiedBy_DynamicConstraint_AcceptsConcrete()
    {
        var constraint = CtyType.Object(new Dictionary<string, CtyType> { ["v"] = CtyType.Dynamic });
        var concrete = CtyType.Object(new Dictionary<string, CtyType> { ["v"] = CtyType.List(CtyType.Bool) });

        Assert.True(constraint.IsSatisfiedBy(concrete));
        Assert.False(concrete.IsSatisfiedBy(constraint));
        Assert.False(CtyType.List(CtyType.String).IsSatisfiedBy(CtyType.Set(CtyType.String)));
    }
}
