using System.Text.Json.Nodes;
using Crd.StandIns.Helm;

namespace Crd.StandIns.Tests.Helm;

public sealed class StrvalsTests
{
    [Theory]
    [InlineData("a.b.c=1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("a=true,b=FALSE,c=null,d=0,e=007,f=-3,g=1.5", """{"a":true,"b":false,"c":null,"d":0,"e":"007","f":-3,"g":"1.5"}""")]
    [InlineData(@"hub.extraEnv.A\.B=x", """{"hub":{"extraEnv":{"A.B":"x"}}}""")]
    [InlineData("list[2]=x", """{"list":[null,null,"x"]}""")]
    [InlineData("list[0].name=a,list[0].size=2", """{"list":[{"name":"a","size":2}]}""")]
    [InlineData("k={a,b,3}", """{"k":["a","b",3]}""")]
    [InlineData("m[0][1]=x", """{"m":[[null,"x"]]}""")]
    [InlineData(@"a=x\,y", """{"a":"x,y"}""")]
    [InlineData("a=", """{"a":""}""")]
    public void ParseInto_Auto_BuildsTypedTree(string assignment, string expected)
    {
        var values = new JsonObject();

        Assert.Null(Strvals.ParseInto(assignment, values, stringsOnly: false));
        Assert.Equal(expected, values.ToJsonString());
    }

    [Fact]
    public void ParseInto_StringsOnly_KeepsText()
    {
        var values = new JsonObject();

        Assert.Null(Strvals.ParseInto("a=true,b=12", values, stringsOnly: true));
        Assert.Equal("""{"a":"true","b":"12"}""", values.ToJsonString());
    }

    [Fact]
    public void ParseInto_ExistingTree_MergesIntoIt()
    {
        var values = JsonNode.Parse("""{"hub":{"a":1,"b":{"c":2}}}""")!.AsObject();

        Assert.Null(Strvals.ParseInto("hub.b.d=3", values, stringsOnly: false));
        Assert.Equal("""{"hub":{"a":1,"b":{"c":2,"d":3}}}""", values.ToJsonString());
    }

    [Theory]
    [InlineData("a", "key \"a\" has no value")]
    [InlineData("a,b=1", "key \"a\" has no value (cannot end with ,)")]
    [InlineData("l[-1]=x", "negative -1 index not allowed")]
    [InlineData("l[x]=y", "invalid array index \"x\"")]
    [InlineData("k={a,b", "list must terminate with '}'")]
    public void ParseInto_Malformed_ReturnsHelmError(string assignment, string error)
        => Assert.Equal(error, Strvals.ParseInto(assignment, [], stringsOnly: false));
}
