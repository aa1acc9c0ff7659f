using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Cases follow the intent of hashicorp/terraform v1.15.9 internal/plans/objchange/objchange_test.go
// (TestProposedNew), restricted to block schemas.
public sealed class ProposedNewStateTests
{
    private static readonly CtyType BarBaz = ObjType(("bar", CtyType.String), ("baz", CtyType.String));

    private static CtyValue BB(CtyValue bar, CtyValue baz) => Obj(("bar", bar), ("baz", baz));

    private static CtyValue BB(string? bar, string? baz) => BB(bar is null ? NullStr : Str(bar), baz is null ? NullStr : Str(baz));

    private static void AssertValue(CtyValue expected, CtyValue actual)
    {
        Assert.Equal(CtyGoSyntax.Value(expected), CtyGoSyntax.Value(actual));
        Assert.True(expected.Equals(actual), "values render alike but are not equal");
    }

    [Fact]
    public void Compute_ConfigAndPriorNull_StaysNull()
    {
        var schema = BlockOf(Optional("foo"), Nested("b", NestingMode.List, Optional("c")));
        var result = ProposedNewState.Compute(schema, CtyValue.Null(CtyType.Dynamic), CtyValue.Null(schema.ImpliedType()));
        Assert.True(result.IsNull);
    }

    [Fact]
    public void Compute_NoPrior_TakesConfigAndLeavesComputedNull()
    {
        var schema = BlockOf(
            Optional("foo"), Computed("bar"),
            Nested("baz", NestingMode.Single, OptionalComputed("boz"), OptionalComputed("biz")));
        var config = Obj(
            ("foo", Str("hello")), ("bar", NullStr),
            ("baz", Obj(("boz", Str("world")), ("biz", UnknownStr))));
        AssertValue(config, ProposedNewState.Compute(schema, CtyValue.Null(CtyType.Dynamic), config));
    }

    [Fact]
    public void Compute_NullSingleBlockInConfig_RemainsNull()
    {
        var schema = BlockOf(Optional("foo"), Nested("baz", NestingMode.Single, OptionalComputed("boz")));
        var config = Obj(("foo", Str("bar")), ("baz", CtyValue.Null(ObjType(("boz", CtyType.String)))));
        AssertValue(config, ProposedNewState.Compute(schema, CtyValue.Null(CtyType.Dynamic), config));
    }

    [Fact]
    public void Compute_NoPriorWithSetBlock_TakesConfig()
    {
        var boz = ObjType(("boz", CtyType.String));
        var schema = BlockOf(Nested("baz", NestingMode.Set, OptionalComputed("boz")));
        var config = Obj(("baz", SetOf(boz, Obj(("boz", Str("world"))))));
        AssertValue(config, ProposedNewState.Compute(schema, CtyValue.Null(CtyType.Dynamic), config));
    }

    [Fact]
    public void Compute_PriorAttributes_ComputedNullTakesPriorOthersTakeConfig()
    {
        var schema = BlockOf(Optional("foo"), Computed("bar"), OptionalComputed("baz"), OptionalComputed("boz"));
        var prior = Obj(("foo", Str("bonjour")), ("bar", Str("petit dejeuner")), ("baz", Str("grande dejeuner")), ("boz", Str("a la monde")));
        var config = Obj(("foo", Str("hello")), ("bar", NullStr), ("baz", NullStr), ("boz", Str("world")));
        var expected = Obj(("foo", Str("hello")), ("bar", Str("petit dejeuner")), ("baz", Str("grande dejeuner")), ("boz", Str("world")));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_NonComputedNullInConfig_StaysNullDespitePrior()
    {
        var schema = BlockOf(Optional("foo"));
        AssertValue(Obj(("foo", NullStr)), ProposedNewState.Compute(schema, Obj(("foo", Str("old"))), Obj(("foo", NullStr))));
    }

    [Fact]
    public void Compute_UnknownConfigValue_PassesThroughOverPrior()
    {
        var schema = BlockOf(OptionalComputed("foo"));
        AssertValue(Obj(("foo", UnknownStr)), ProposedNewState.Compute(schema, Obj(("foo", Str("old"))), Obj(("foo", UnknownStr))));
    }

    [Fact]
    public void Compute_PriorNestedSingle_MergesComputedAttributes()
    {
        var schema = BlockOf(Nested("foo", NestingMode.Single, OptionalComputed("bar"), OptionalComputed("baz")));
        var result = ProposedNewState.Compute(schema, Obj(("foo", BB("beep", "boop"))), Obj(("foo", BB("bap", null))));
        AssertValue(Obj(("foo", BB("bap", "boop"))), result);
    }

    [Fact]
    public void Compute_PriorNestedSingleRemovedFromConfig_BecomesNull()
    {
        var schema = BlockOf(Nested("foo", NestingMode.Single, OptionalComputed("bar"), OptionalComputed("baz")));
        var config = Obj(("foo", CtyValue.Null(BarBaz)));
        AssertValue(config, ProposedNewState.Compute(schema, Obj(("foo", BB("beep", "boop"))), config));
    }

    [Fact]
    public void Compute_PriorNestedList_CorrelatesByIndex()
    {
        var schema = BlockOf(Nested("foo", NestingMode.List, OptionalComputed("bar"), OptionalComputed("baz")));
        var prior = Obj(("foo", ListOf(BarBaz, BB("beep", "boop"))));
        var config = Obj(("foo", ListOf(BarBaz, BB("bap", null), BB("blep", null))));
        var expected = Obj(("foo", ListOf(BarBaz, BB("bap", "boop"), BB("blep", null))));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_PriorNestedMap_CorrelatesByKey()
    {
        var schema = BlockOf(Nested("foo", NestingMode.Map, OptionalComputed("bar"), OptionalComputed("baz")));
        var prior = Obj(("foo", MapOf(BarBaz, ("a", BB("beep", "boop")), ("b", BB("blep", "boot")))));
        var config = Obj(("foo", MapOf(BarBaz, ("a", BB("bap", null)), ("c", BB("bosh", null)))));
        var expected = Obj(("foo", MapOf(BarBaz, ("a", BB("bap", "boop")), ("c", BB("bosh", null)))));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_PriorNestedSet_CorrelatesOnNonComputedAttributes()
    {
        var schema = BlockOf(Nested("foo", NestingMode.Set, Optional("bar"), OptionalComputed("baz")));
        var prior = Obj(("foo", SetOf(BarBaz, BB("beep", "boop"), BB("blep", "boot"))));
        var config = Obj(("foo", SetOf(BarBaz, BB("beep", null), BB("bosh", null))));
        var expected = Obj(("foo", SetOf(BarBaz, BB("beep", "boop"), BB("bosh", null))));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_SetWithPartialOptionalComputedChange_KeepsOnlyMatchedComputed()
    {
        var multi = ObjType(("opt", CtyType.String), ("cmp", CtyType.String));
        CtyValue M(string opt, string? cmp) => Obj(("opt", Str(opt)), ("cmp", cmp is null ? NullStr : Str(cmp)));
        var schema = BlockOf(Nested("multi", NestingMode.Set, Optional("opt"), OptionalComputed("cmp")));
        var prior = Obj(("multi", SetOf(multi, M("one", "OK"), M("two", "OK"))));
        var config = Obj(("multi", SetOf(multi, M("one", null), M("replaced", null))));
        var expected = Obj(("multi", SetOf(multi, M("one", "OK"), M("replaced", null))));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_SetWhereOnlyComputedDiffers_TakesPriorElements()
    {
        var multi = ObjType(("opt", CtyType.String), ("req", CtyType.String));
        CtyValue M(string? opt, string req) => Obj(("opt", opt is null ? NullStr : Str(opt)), ("req", Str(req)));
        var schema = BlockOf(Nested("multi", NestingMode.Set, OptionalComputed("opt"), Required("req")));
        var prior = Obj(("multi", SetOf(multi, M("one", "one"), M("two", "two"))));
        var config = Obj(("multi", SetOf(multi, M(null, "one"), M(null, "two"))));
        AssertValue(prior, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_SetElementsDifferingOnlyByUnknown_StayDistinct()
    {
        var optional = ObjType(("optional", CtyType.String));
        var schema = BlockOf(Nested("multi", NestingMode.Set, OptionalComputed("optional")));
        var config = Obj(("multi", SetOf(optional, Obj(("optional", UnknownStr)), Obj(("optional", UnknownStr)))));
        var result = ProposedNewState.Compute(schema, CtyValue.Null(CtyType.Dynamic), config);
        AssertValue(config, result);
        Assert.Equal(2, result.GetAttribute("multi").Length);
    }

    [Fact]
    public void Compute_NestedListInSet_MergesInsideMatchedElement()
    {
        var bar = ObjType(("baz", CtyType.String), ("qux", CtyType.String));
        var foo = ObjType(("bar", CtyType.List(bar)));
        var schema = BlockOf(Nested("foo", NestingMode.Set, Nested("bar", NestingMode.List, Optional("baz"), OptionalComputed("qux"))));
        CtyValue F(CtyValue qux) => Obj(("foo", SetOf(foo, Obj(("bar", ListOf(bar, Obj(("baz", Str("beep")), ("qux", qux))))))));
        AssertValue(F(Str("boop")), ProposedNewState.Compute(schema, F(Str("boop")), F(NullStr)));
    }

    [Fact]
    public void Compute_UnknownBlockFromDynamicForEach_PassesThrough()
    {
        var schema = BlockOf(Nested("foo", NestingMode.List, OptionalComputed("bar"), OptionalComputed("baz")));
        var config = Obj(("foo", CtyValue.Unknown(CtyType.List(BarBaz))));
        AssertValue(config, ProposedNewState.Compute(schema, Obj(("foo", ListOf(BarBaz, BB("a", "b")))), config));
    }

    [Fact]
    public void Compute_GroupBlockOnCreate_ComputedComeOutNull()
    {
        var schema = BlockOf(Nested("g", NestingMode.Group, OptionalComputed("bar"), OptionalComputed("baz")));
        var config = Obj(("g", BB("x", null)));
        AssertValue(config, ProposedNewState.Compute(schema, CtyValue.Null(schema.ImpliedType()), config));
    }

    [Fact]
    public void Compute_ConfigNullWithPrior_ReturnsPrior()
    {
        // What ProposedNew does for a destroy; Terraform does not send it, but the merge is total.
        var schema = BlockOf(Optional("foo"));
        var prior = Obj(("foo", Str("x")));
        AssertValue(prior, ProposedNewState.Compute(schema, prior, CtyValue.Null(schema.ImpliedType())));
    }

    [Fact]
    public void Compute_MapBlockWithDynamicAttribute_KeepsObjectShape()
    {
        var schema = BlockOf(Nested("m", NestingMode.Map, Optional("dyn", CtyType.Dynamic), Computed("id")));
        var prior = Obj(("m", Obj(("a", Obj(("dyn", Str("x")), ("id", Str("i1")))))));
        var config = Obj(("m", Obj(("a", Obj(("dyn", Num(5)), ("id", NullStr))))));
        var expected = Obj(("m", Obj(("a", Obj(("dyn", Num(5)), ("id", Str("i1")))))));
        AssertValue(expected, ProposedNewState.Compute(schema, prior, config));
    }

    [Fact]
    public void Compute_ListBlockWithDynamicAttribute_KeepsTupleShape()
    {
        var schema = BlockOf(Nested("l", NestingMode.List, Optional("dyn", CtyType.Dynamic), Computed("id")));
        var prior = Obj(("l", CtyValue.Tuple([Obj(("dyn", Str("x")), ("id", Str("i1")))])));
        var config = Obj(("l", CtyValue.Tuple([Obj(("dyn", CtyValue.True), ("id", NullStr)), Obj(("dyn", Str("y")), ("id", NullStr))])));
        var expected = Obj(("l", CtyValue.Tuple([Obj(("dyn", CtyValue.True), ("id", Str("i1"))), Obj(("dyn", Str("y")), ("id", NullStr))])));
        var result = ProposedNewState.Compute(schema, prior, config);
        AssertValue(expected, result);
        Assert.Equal(CtyTypeKind.Tuple, result.GetAttribute("l").Type.Kind);
    }

    [Fact]
    public void PlannedDataSource_ComputedAttributesBecomeUnknown()
    {
        var element = ObjType(("optional", CtyType.String), ("computed", CtyType.String));
        var schema = BlockOf(
            Optional("name"), Computed("id"),
            Nested("list_block", NestingMode.List, Optional("optional"), Computed("computed")),
            Nested("single", NestingMode.Single, Optional("optional"), Computed("computed")));
        var config = Obj(
            ("name", Str("n")), ("id", NullStr),
            ("list_block", ListOf(element, Obj(("optional", Str("config")), ("computed", NullStr)))),
            ("single", Obj(("optional", Str("config")), ("computed", NullStr))));
        var expected = Obj(
            ("name", Str("n")), ("id", UnknownStr),
            ("list_block", ListOf(element, Obj(("optional", Str("config")), ("computed", UnknownStr)))),
            ("single", Obj(("optional", Str("config")), ("computed", UnknownStr))));
        AssertValue(expected, ProposedNewState.PlannedDataSource(schema, config));
    }
}
