using Crd.Simulator.Faults;

namespace Crd.Simulator.Tests.Faults;

public sealed class FaultRuleTests
{
    [Fact]
    public void Parse_CommandLineForm_ReadsEverySetting()
    {
        var rule = FaultRule.Parse("site=toulouse,service=compute,method=post,path=/servers*,status=429,rate=0.5,count=3");

        Assert.Equal("toulouse", rule.Site);
        Assert.Equal("POST", rule.Method);
        Assert.Equal(429, rule.Status);
        Assert.Equal(1, rule.RetryAfter);
        Assert.Equal(0.5, rule.Rate);
        Assert.Equal(3, rule.Count);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("kind=explode")]
    [InlineData("colour=red")]
    public void Parse_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => FaultRule.Parse(text));

    [Theory]
    [InlineData("/servers*", "/servers/abc/action", true)]
    [InlineData("/servers", "/servers/abc", false)]
    [InlineData("/*/volumes", "/p1/volumes", true)]
    public void Matches_Glob(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new FaultRule { Path = pattern }.Matches("s", "compute", "GET", path));

    [Fact]
    public void Injector_SameSeed_SameDecisions()
    {
        static List<bool> Run()
        {
            var injector = new FaultInjector(42);
            injector.Replace([new FaultRule { Rate = 0.5 }]);
            return [.. Enumerable.Range(0, 50).Select(_ => injector.Fire("s", "compute", "GET", "/x").Count > 0)];
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }
}
