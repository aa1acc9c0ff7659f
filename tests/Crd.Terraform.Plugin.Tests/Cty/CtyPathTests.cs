using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Tests.Cty;

public sealed class CtyPathTests
{
    [Fact]
    public void ToString_Steps_HclTraversalSyntax()
    {
        Assert.Equal("site[0].name", CtyPath.Root.Attribute("site").Index(0).Attribute("name").ToString());
        Assert.Equal("tags[\"k\"]", CtyPath.Root.Attribute("tags").Key("k").ToString());
        Assert.Equal(string.Empty, CtyPath.Root.ToString());
    }

    [Fact]
    public void Parent_Path_DropsLastStep()
    {
        var path = CtyPath.Root.Attribute("a").Index(3);

        Assert.Equal(CtyPath.Root.Attribute("a"), path.Parent);
        Assert.Equal(CtyPath.Root, path.Parent!.Parent);
        Assert.Null(CtyPath.Root.Parent);
    }

    [Fact]
    public void Equals_SameSteps_EqualWithSameHash()
    {
        var a = CtyPath.Root.Attribute("a").Key("k");
        var b = CtyPath.Root.Attribute("a").Key("k");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, CtyPath.Root.Attribute("a").Attribute("k"));
        Assert.True(a.StartsWith(CtyPath.Root.Attribute("a")));
    }

    [Fact]
    public void Steps_Path_AreImmutable()
    {
        var parent = CtyPath.Root.Attribute("a");
        var child = parent.Index(1);

        Assert.Single(parent.Steps);
        Assert.Equal(2, child.Steps.Count);
        Assert.Equal(new CtyPathStep(CtyPathStepKind.ElementKeyInt, null, 1), child.Steps[1]);
    }
}
