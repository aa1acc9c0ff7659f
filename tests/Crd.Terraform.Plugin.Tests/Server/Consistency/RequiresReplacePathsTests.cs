using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Facts from getRequiredReplaces, hashicorp/terraform v1.15.9
// internal/terraform/node_resource_abstract_instance.go.
public sealed class RequiresReplacePathsTests
{
    private static readonly CtyPath Name = CtyPath.Root.Attribute("name");
    private static readonly CtyPath Size = CtyPath.Root.Attribute("size");

    private static CtyValue V(CtyValue name, CtyValue size) => Obj(("name", name), ("size", size));

    [Fact]
    public void Evaluate_Create_NoPathCounts()
    {
        var planned = V(Str("a"), Num(1));
        var result = RequiresReplacePaths.Check(CtyValue.Null(planned.Type), planned, [Name, CtyPath.Root.Attribute("nope")]);
        Assert.Empty(result.Paths);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Evaluate_OnlyChangedPathsCount()
    {
        var paths = RequiresReplacePaths.Evaluate(V(Str("a"), Num(1)), V(Str("b"), Num(1)), [Name, Size]);
        Assert.Equal([Name], paths);
    }

    [Fact]
    public void Evaluate_UnknownPlannedValue_Counts()
    {
        var paths = RequiresReplacePaths.Evaluate(V(Str("a"), Num(1)), V(Str("a"), CtyValue.Unknown(CtyType.Number)), [Name, Size]);
        Assert.Equal([Size], paths);
    }

    [Fact]
    public void Evaluate_RefinedUnknownThatCannotEqualPrior_Counts()
    {
        var placeholder = CtyValue.Unknown(CtyType.String, new CtyRefinements { StringPrefix = "b" });
        Assert.Equal([Name], RequiresReplacePaths.Evaluate(V(Str("a"), Num(1)), V(placeholder, Num(1)), [Name]));
    }

    [Fact]
    public void Evaluate_DuplicatePaths_ReportedOnce()
    {
        var paths = RequiresReplacePaths.Evaluate(V(Str("a"), Num(1)), V(Str("b"), Num(1)), [Name, CtyPath.Root.Attribute("name")]);
        Assert.Single(paths);
    }

    [Fact]
    public void Check_PathMissingInBoth_IsAnError()
    {
        var bogus = CtyPath.Root.Attribute("nope").Index(0);
        var result = RequiresReplacePaths.Check(V(Str("a"), Num(1)), V(Str("b"), Num(1)), [bogus, Name]);
        Assert.Equal([Name], result.Paths);
        AssertErrors(result.Errors,
            ".nope[0]: the provider has indicated \"requires replacement\" for a non-existent attribute path cty.Path{cty.GetAttrStep{Name:\"nope\"}, cty.IndexStep{Key:cty.NumberIntVal(0)}}");
    }

    [Fact]
    public void Check_ElementMissingOnOneSide_ComparesAsNullAndCounts()
    {
        var listType = CtyType.List(CtyType.String);
        var prior = Obj(("tags", ListOf(CtyType.String, Str("a"))));
        var planned = Obj(("tags", ListOf(CtyType.String, Str("a"), Str("b"))));
        var second = CtyPath.Root.Attribute("tags").Index(1);
        var first = CtyPath.Root.Attribute("tags").Index(0);
        var result = RequiresReplacePaths.Check(prior, planned, [first, second]);
        Assert.Equal([second], result.Paths);
        Assert.Empty(result.Errors);
        Assert.Equal(listType, prior.GetAttribute("tags").Type);
    }

    [Fact]
    public void Check_MapKeyPath_ResolvesMapElement()
    {
        var prior = Obj(("labels", MapOf(CtyType.String, ("env", Str("dev")))));
        var planned = Obj(("labels", MapOf(CtyType.String, ("env", Str("prod")))));
        var path = CtyPath.Root.Attribute("labels").Key("env");
        Assert.Equal([path], RequiresReplacePaths.Evaluate(prior, planned, [path]));
    }

    [Fact]
    public void Check_WriteOnlyAttribute_AlwaysCounts()
    {
        var schema = BlockOf(Required("name"), new SchemaAttribute("password", CtyType.String) { Optional = true, WriteOnly = true });
        var value = Obj(("name", Str("a")), ("password", NullStr));
        var password = CtyPath.Root.Attribute("password");
        var result = RequiresReplacePaths.Check(schema, value, value, [Name, password]);
        Assert.Equal([password], result.Paths);
    }
}
