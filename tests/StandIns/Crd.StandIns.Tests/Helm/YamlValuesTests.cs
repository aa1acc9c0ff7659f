using System.Text.Json.Nodes;
using Crd.StandIns.Helm;

namespace Crd.StandIns.Tests.Helm;

public sealed class YamlValuesTests
{
    [Fact]
    public void Parse_PlainScalars_ResolveByCoreSchema()
    {
        var values = YamlValues.Parse("a: true\nb: 3\nc: 1.5\nd: ~\ne: \"3\"\nf: text\ng: [1, x]\n", out var error);

        Assert.Null(error);
        Assert.Equal("""{"a":true,"b":3,"c":1.5,"d":null,"e":"3","f":"text","g":[1,"x"]}""", values!.ToJsonString());
    }

    [Theory]
    [InlineData("", "{}")]
    [InlineData("# only a comment\n", "{}")]
    public void Parse_EmptyDocument_IsEmptyMap(string text, string expected)
        => Assert.Equal(expected, YamlValues.Parse(text, out _)!.ToJsonString());

    [Theory]
    [InlineData("hub: [unclosed", "error converting YAML to JSON: yaml: line ")]
    [InlineData("- a\n- b\n", "cannot unmarshal array into Go value of type map")]
    [InlineData("just text", "cannot unmarshal string into Go value of type map")]
    public void Parse_NotAMapping_ReturnsHelmStyleError(string text, string fragment)
    {
        Assert.Null(YamlValues.Parse(text, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_LaterDocumentWins_MapsDeep_ListsReplaced()
    {
        var first = JsonNode.Parse("""{"hub":{"a":1,"b":2},"list":[1,2,3],"keep":true}""")!.AsObject();
        var second = JsonNode.Parse("""{"hub":{"b":3,"c":4},"list":[9]}""")!.AsObject();

        var merged = ValuesMerge.Merge(first, second);

        Assert.Equal("""{"hub":{"a":1,"b":3,"c":4},"list":[9],"keep":true}""", merged.ToJsonString());
        Assert.Equal("""{"hub":{"a":1,"b":2},"list":[1,2,3],"keep":true}""", first.ToJsonString());
    }

    [Fact]
    public void Cloak_DottedPath_ReplacesValue()
    {
        var values = JsonNode.Parse("""{"hub":{"cookieSecret":"s"}}""")!.AsObject();

        ValuesMerge.Cloak(values, "hub.cookieSecret");

        Assert.Equal("""{"hub":{"cookieSecret":"(sensitive value)"}}""", values.ToJsonString());
    }
}
