using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Expected renderings are go-cty's GoString (zclconf/go-cty v1.18.1 cty/value_ops.go) with Go's
// %#v rules (shortest %g for numbers, sorted map keys).
public sealed class CtyGoSyntaxTests
{
    [Theory]
    [InlineData(0, "cty.NumberIntVal(0)")]
    [InlineData(42, "cty.NumberIntVal(42)")]
    [InlineData(-7, "cty.NumberIntVal(-7)")]
    [InlineData(999999, "cty.NumberIntVal(999999)")]
    [InlineData(1000000, "cty.NumberIntVal(1e+06)")]
    [InlineData(123456789, "cty.NumberIntVal(1.23456789e+08)")]
    public void Value_Integer_RendersLikeGo(long number, string expected)
    {
        Assert.Equal(expected, CtyGoSyntax.Value(Num(number)));
    }

    [Fact]
    public void Value_NonIntegers_UseFloatOrParseForm()
    {
        Assert.Equal("cty.NumberFloatVal(1.5)", CtyGoSyntax.Value(CtyValue.Number(1.5)));
        Assert.Equal("cty.NumberFloatVal(0.0001)", CtyGoSyntax.Value(CtyValue.Number(0.0001)));
        Assert.Equal("cty.MustParseNumberVal(\"0.1\")", CtyGoSyntax.Value(CtyValue.Number(CtyNumber.Parse("0.1"))));
    }

    [Fact]
    public void Value_StringsAndSpecials_RenderLikeGo()
    {
        Assert.Equal("cty.StringVal(\"a \\\"q\\\"\\n\")", CtyGoSyntax.Value(Str("a \"q\"\n")));
        Assert.Equal("cty.True", CtyGoSyntax.Value(CtyValue.True));
        Assert.Equal("cty.NullVal(cty.String)", CtyGoSyntax.Value(NullStr));
        Assert.Equal("cty.UnknownVal(cty.String)", CtyGoSyntax.Value(UnknownStr));
        Assert.Equal("cty.DynamicVal", CtyGoSyntax.Value(CtyValue.DynamicUnknown));
        Assert.Equal("cty.EmptyObjectVal", CtyGoSyntax.Value(CtyValue.EmptyObject));
    }

    [Fact]
    public void Value_Collections_RenderLikeGo()
    {
        Assert.Equal("cty.ListValEmpty(cty.String)", CtyGoSyntax.Value(ListOf(CtyType.String)));
        Assert.Equal(
            "cty.MapVal(map[string]cty.Value{\"a\":cty.NumberIntVal(1), \"b\":cty.NumberIntVal(2)})",
            CtyGoSyntax.Value(MapOf(CtyType.Number, ("b", Num(2)), ("a", Num(1)))));
        Assert.Equal(
            "cty.NullVal(cty.Object(map[string]cty.Type{\"a\":cty.List(cty.String), \"b\":cty.Set(cty.Number)}))",
            CtyGoSyntax.Value(CtyValue.Null(ObjType(("b", CtyType.Set(CtyType.Number)), ("a", CtyType.List(CtyType.String))))));
    }
}
