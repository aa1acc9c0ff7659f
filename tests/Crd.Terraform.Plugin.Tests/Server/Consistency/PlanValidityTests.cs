using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Cases follow the intent of hashicorp/terraform v1.15.9 internal/plans/objchange/plan_valid_test.go
// (block schemas; the protocol-6 nested attribute cases do not apply to our schema model).
public sealed class PlanValidityTests
{
    private static readonly CtyType CObject = ObjType(("c", CtyType.String));

    // a: optional string; b: list block of { c: optional string }.
    private static Block ListSchema(bool sensitiveC = false) => BlockOf(
        Optional("a"),
        Nested("b", NestingMode.List, new SchemaAttribute("c", CtyType.String) { Optional = true, Sensitive = sensitiveC }));

    private static CtyValue AB(string? a, params string?[] cs) => Obj(
        ("a", a is null ? NullStr : Str(a)),
        ("b", ListOf(CObject, cs.Select(c => Obj(("c", c is null ? NullStr : Str(c)))).ToArray())));

    private static CtyValue NullAB => CtyValue.Null(ListSchema().ImpliedType());

    [Fact]
    public void Check_AllEmpty_NoErrors()
    {
        var empty = CtyValue.EmptyObject;
        AssertErrors(PlanValidity.Check(new Block(), empty, empty, empty));
    }

    [Fact]
    public void Check_NoComputedAllMatch_NoErrors()
    {
        var value = AB("a value", "c value");
        AssertErrors(PlanValidity.Check(ListSchema(), value, value, value));
    }

    [Fact]
    public void Check_NoComputedPlanMatchesConfigWithoutPrior_NoErrors()
    {
        var value = AB("a value", "c value");
        AssertErrors(PlanValidity.Check(ListSchema(), NullAB, value, value));
    }

    [Fact]
    public void Check_NonComputedNestedValueChanged_ReportsMismatchWithConfig()
    {
        var errors = PlanValidity.Check(ListSchema(), NullAB, AB("a value", "c value"), AB("a value", "new c value"));
        AssertErrors(errors, ".b[0].c: planned value cty.StringVal(\"new c value\") does not match config value cty.StringVal(\"c value\")");
        Assert.Equal(CtyPath.Root.Attribute("b").Index(0).Attribute("c"), errors[0].Path);
    }

    [Fact]
    public void Check_SensitiveNonComputedValueChanged_HidesValues()
    {
        var errors = PlanValidity.Check(ListSchema(sensitiveC: true), NullAB, AB("a value", "c value"), AB("a value", "new c value"));
        AssertErrors(errors, ".b[0].c: sensitive planned value does not match config value");
    }

    [Fact]
    public void Check_PlanKeepsPriorInsteadOfConfig_IsDiffSuppressionAndValid()
    {
        var prior = AB("a value", "c value");
        AssertErrors(PlanValidity.Check(ListSchema(), prior, AB("a value", "new c value"), prior));
    }

    [Fact]
    public void Check_ChangedFromBothConfigAndPrior_ReportsAllThreeValues()
    {
        var errors = PlanValidity.Check(ListSchema(), AB("old", "c"), AB("new", "c"), AB("other", "c"));
        AssertErrors(errors,
            ".a: planned value cty.StringVal(\"other\") does not match config value cty.StringVal(\"new\") nor prior value cty.StringVal(\"old\")");
    }

    [Fact]
    public void Check_AllNull_NoErrors()
    {
        var value = AB(null, [null]);
        AssertErrors(PlanValidity.Check(ListSchema(), value, value, value));
    }

    [Fact]
    public void Check_NestedMapNormalUpdate_NoErrors()
    {
        var schema = BlockOf(Nested("b", NestingMode.Map, Optional("c")));
        var prior = Obj(("b", MapOf(CObject, ("boop", Obj(("c", Str("hello")))))));
        var next = Obj(("b", MapOf(CObject, ("boop", Obj(("c", Str("howdy")))))));
        AssertErrors(PlanValidity.Check(schema, prior, next, next));
    }

    [Fact]
    public void Check_NestedListPlannedNull_ReportsMustBeEmpty()
    {
        var schema = BlockOf(Nested("b", NestingMode.List, Optional("c")));
        var errors = PlanValidity.Check(
            schema,
            CtyValue.Null(schema.ImpliedType()),
            Obj(("b", ListOf(CObject))),
            Obj(("b", CtyValue.Null(CtyType.List(CObject)))));
        AssertErrors(errors, ".b: attribute representing a list of nested blocks must be empty to indicate no blocks, not null");
    }

    [Fact]
    public void Check_NestedListNullInConfig_TreatedAsEmpty()
    {
        var schema = BlockOf(Nested("b", NestingMode.List, Optional("c")));
        var empty = Obj(("b", ListOf(CObject)));
        AssertErrors(PlanValidity.Check(schema, empty, Obj(("b", CtyValue.Null(CtyType.List(CObject)))), empty));
    }

    [Fact]
    public void Check_NestedSetPlannedNull_ReportsMustBeEmpty()
    {
        var schema = BlockOf(Nested("b", NestingMode.Set, Optional("c")));
        var errors = PlanValidity.Check(
            schema, CtyValue.Null(schema.ImpliedType()), Obj(("b", SetOf(CObject))), Obj(("b", CtyValue.Null(CtyType.Set(CObject)))));
        AssertErrors(errors, ".b: attribute representing a set of nested blocks must be empty to indicate no blocks, not null");
    }

    [Fact]
    public void Check_NestedMapPlannedNull_ReportsMustBeEmpty()
    {
        var schema = BlockOf(Nested("b", NestingMode.Map, Optional("c")));
        var errors = PlanValidity.Check(
            schema, CtyValue.Null(schema.ImpliedType()), Obj(("b", MapOf(CObject))), Obj(("b", CtyValue.Null(CtyType.Map(CObject)))));
        AssertErrors(errors, ".b: attribute representing a map of nested blocks must be empty to indicate no blocks, not null");
    }

    [Fact]
    public void Check_UnknownDynamicBlockKeptUnknown_NoErrors()
    {
        // A dynamic block over an unknown for_each inside a list block.
        var inner = ObjType(("c", CtyType.String), ("computed", CtyType.String));
        var schema = BlockOf(Nested("a", NestingMode.List, Nested("b", NestingMode.List, Optional("c"), Computed("computed"))));
        var outer = ObjType(("b", CtyType.List(inner)));
        var prior = Obj(("a", ListOf(outer, Obj(("b", ListOf(inner, Obj(("c", Str("x")), ("computed", NullStr))))))));
        var config = Obj(("a", ListOf(outer, Obj(("b", CtyValue.Unknown(CtyType.List(inner)))))));
        AssertErrors(PlanValidity.Check(schema, prior, config, config));
    }

    [Fact]
    public void Check_UnknownDynamicSetBlockPlannedKnown_ReportsPlannedValue()
    {
        var schema = BlockOf(Computed("computed"), Nested("b", NestingMode.Set, Optional("c")));
        var prior = Obj(("computed", NullStr), ("b", SetOf(CObject, Obj(("c", Str("x"))))));
        var config = Obj(("computed", NullStr), ("b", CtyValue.Unknown(CtyType.Set(CObject))));
        var planned = Obj(("computed", Str("default")), ("b", SetOf(CObject, Obj(("c", Str("oops"))))));
        AssertErrors(PlanValidity.Check(schema, prior, config, planned),
            ".b: planned value cty.SetVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{\"c\":cty.StringVal(\"oops\")})}) for unknown dynamic block");
    }

    [Fact]
    public void Check_NestedSetElementChanged_IsTrustedToTheProvider()
    {
        var schema = BlockOf(Nested("b", NestingMode.Set, Optional("c")));
        var value = Obj(("b", SetOf(CObject, Obj(("c", Str("c value"))))));
        var planned = Obj(("b", SetOf(CObject, Obj(("c", Str("new c value"))))));
        AssertErrors(PlanValidity.Check(schema, value, value, planned));
    }

    [Fact]
    public void Check_NestedSetContainsComputedUnknown_NoErrors()
    {
        var element = ObjType(("input", CtyType.String), ("computed", CtyType.String));
        var schema = BlockOf(Nested("set", NestingMode.Set, Optional("input"), OptionalComputed("computed")));
        var config = Obj(("set", SetOf(element,
            Obj(("input", Str("a")), ("computed", NullStr)), Obj(("input", Str("b")), ("computed", NullStr)))));
        var planned = Obj(("set", SetOf(element,
            Obj(("input", Str("a")), ("computed", UnknownStr)), Obj(("input", Str("b")), ("computed", UnknownStr)))));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), config, planned));
    }

    [Fact]
    public void Check_ComputedOnlyAttributeWithConfigValuePlannedUnknown_NoErrors()
    {
        var schema = BlockOf(Computed("a"));
        AssertErrors(PlanValidity.Check(schema, Obj(("a", Str("old"))), Obj(("a", Str("old"))), Obj(("a", UnknownStr))));
    }

    [Fact]
    public void Check_RefinedUnknownConfigPlannedPlainUnknown_RefinementsIgnored()
    {
        var schema = BlockOf(Required("a"));
        AssertErrors(PlanValidity.Check(
            schema, Obj(("a", Str("old"))), Obj(("a", UnknownNotNull(CtyType.String))), Obj(("a", UnknownStr))));
    }

    [Fact]
    public void Check_RefinedUnknownInsideMapPlannedPlain_RefinementsIgnored()
    {
        var mapType = CtyType.Map(CtyType.String);
        var schema = BlockOf(Optional("m", mapType));
        AssertErrors(PlanValidity.Check(
            schema,
            CtyValue.Null(schema.ImpliedType()),
            Obj(("m", MapOf(CtyType.String, ("key", UnknownNotNull(CtyType.String))))),
            Obj(("m", MapOf(CtyType.String, ("key", UnknownStr))))));
    }

    [Fact]
    public void Check_WriteOnlyPlannedNull_NoErrors()
    {
        var schema = BlockOf(new SchemaAttribute("foo", CtyType.String) { Optional = true, WriteOnly = true });
        AssertErrors(PlanValidity.Check(schema, Obj(("foo", NullStr)), Obj(("foo", Str("write-only"))), Obj(("foo", NullStr))));
    }

    [Fact]
    public void Check_WriteOnlyPlannedAsConfigured_ReportsNotNull()
    {
        var schema = BlockOf(new SchemaAttribute("foo", CtyType.String) { Optional = true, WriteOnly = true });
        var config = Obj(("foo", Str("write-only")));
        AssertErrors(PlanValidity.Check(schema, Obj(("foo", NullStr)), config, config),
            ".foo: planned value for write-only attribute is not null");
    }

    [Fact]
    public void Check_NestedWriteOnlyInListBlock_CheckedPerElement()
    {
        var fooType = ObjType(("foo", CtyType.String));
        var schema = BlockOf(Nested("nested", NestingMode.List, new SchemaAttribute("foo", CtyType.String) { Optional = true, WriteOnly = true }));
        var config = Obj(("nested", ListOf(fooType, Obj(("foo", Str("write-only"))))));
        var prior = Obj(("nested", ListOf(fooType, Obj(("foo", NullStr)))));
        AssertErrors(PlanValidity.Check(schema, prior, config, prior));
        AssertErrors(PlanValidity.Check(schema, prior, config, config), ".nested[0].foo: planned value for write-only attribute is not null");
    }

    [Fact]
    public void Check_OptionalComputedNullInConfig_ProviderMayFillIn()
    {
        var schema = BlockOf(OptionalComputed("a"));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", NullStr)), Obj(("a", Str("default")))));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", NullStr)), Obj(("a", UnknownStr))));
    }

    [Fact]
    public void Check_OptionalComputedSetInConfigButPlannedOtherwise_ReportsMismatch()
    {
        var schema = BlockOf(OptionalComputed("a"));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", Str("configured"))), Obj(("a", Str("x")))),
            ".a: planned value cty.StringVal(\"x\") does not match config value cty.StringVal(\"configured\")");
    }

    [Fact]
    public void Check_NonComputedNullInConfigButPlannedValue_ReportsNonComputed()
    {
        var schema = BlockOf(Optional("a"), Optional("n", CtyType.Number));
        var errors = PlanValidity.Check(
            schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", NullStr), ("n", CtyValue.Null(CtyType.Number))), Obj(("a", Str("x")), ("n", Num(2))));
        AssertErrors(errors,
            ".a: planned value cty.StringVal(\"x\") for a non-computed attribute",
            ".n: planned value cty.NumberIntVal(2) for a non-computed attribute");
    }

    [Fact]
    public void Check_NonComputedNullInConfigPlannedPriorValue_StillReported()
    {
        // Keeping the prior value is only allowed instead of a non-null config value.
        var schema = BlockOf(Optional("a"));
        AssertErrors(PlanValidity.Check(schema, Obj(("a", Str("old"))), Obj(("a", NullStr)), Obj(("a", Str("old")))),
            ".a: planned value cty.StringVal(\"old\") for a non-computed attribute");
    }

    [Fact]
    public void Check_RequiredAttributePlannedUnknown_ReportsMismatch()
    {
        var schema = BlockOf(Required("name"));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("name", Str("a"))), Obj(("name", UnknownStr))),
            ".name: planned value cty.UnknownVal(cty.String) does not match config value cty.StringVal(\"a\")");
    }

    [Fact]
    public void Check_DestroyPlanNotNull_ReportsExistence()
    {
        var schema = BlockOf(Optional("a"));
        var prior = Obj(("a", Str("x")));
        var errors = PlanValidity.Check(schema, prior, CtyValue.Null(schema.ImpliedType()), prior);
        AssertErrors(errors, "planned for existence but config wants absence");
        Assert.True(errors[0].Path.IsRoot);
    }

    [Fact]
    public void Check_DestroyPlanNull_NoErrors()
    {
        var schema = BlockOf(Optional("a"));
        var none = CtyValue.Null(schema.ImpliedType());
        AssertErrors(PlanValidity.Check(schema, Obj(("a", Str("x"))), none, none));
    }

    [Fact]
    public void Check_PlannedNullForExistingConfig_ReportsAbsence()
    {
        var schema = BlockOf(Optional("a"));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", Str("x"))), CtyValue.Null(schema.ImpliedType())),
            "planned for absence but config wants existence");
    }

    [Fact]
    public void Check_ListBlockCountDiffers_ReportsCounts()
    {
        AssertErrors(PlanValidity.Check(ListSchema(), NullAB, AB("a", "c"), AB("a", "c", "d")),
            ".b: block count in plan (2) disagrees with count in config (1)");
    }

    [Fact]
    public void Check_SingleBlockPlannedUnknown_ReportsBlockMustNotBeUnknown()
    {
        var schema = BlockOf(Nested("b", NestingMode.Single, OptionalComputed("c")));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("b", Obj(("c", NullStr)))), Obj(("b", CtyValue.Unknown(CObject)))),
            ".b: attribute representing nested block must not be unknown itself; set nested attribute values to unknown instead");
    }

    [Fact]
    public void Check_ListBlockElementPlannedUnknown_ReportsElementMustNotBeUnknown()
    {
        var schema = BlockOf(Nested("b", NestingMode.List, OptionalComputed("c")));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()),
                Obj(("b", ListOf(CObject, Obj(("c", NullStr))))), Obj(("b", ListOf(CObject, CtyValue.Unknown(CObject))))),
            ".b[0]: element representing nested block must not be unknown itself; set nested attribute values to unknown instead");
    }

    [Fact]
    public void Check_MapBlockKeysDiffer_ReportsBothKeys()
    {
        var schema = BlockOf(Nested("b", NestingMode.Map, Optional("c")));
        var config = Obj(("b", MapOf(CObject, ("y", Obj(("c", Str("v")))))));
        var planned = Obj(("b", MapOf(CObject, ("x", Obj(("c", Str("v")))))));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), config, planned),
            ".b[\"x\"]: block key \"x\" from plan is not present in config",
            ".b: block key \"y\" from config is not present in plan");
    }

    [Fact]
    public void Check_GroupBlockComputedFilledIn_NoErrors()
    {
        var schema = BlockOf(Nested("g", NestingMode.Group, Optional("o"), Computed("id")));
        var gType = ObjType(("o", CtyType.String), ("id", CtyType.String));
        var config = Obj(("g", CtyValue.Object(gType, new Dictionary<string, CtyValue> { ["o"] = Str("x") })));
        var planned = Obj(("g", Obj(("o", Str("x")), ("id", UnknownStr))));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), config, planned));
    }

    [Fact]
    public void Check_PlannedTypeDoesNotConform_ReportsTypeAndStops()
    {
        var schema = BlockOf(Optional("a"));
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", Str("1"))), Obj(("a", Num(1)))),
            ".a: string required, but received number");
        AssertErrors(PlanValidity.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", Str("1"))), Obj(("a", Str("1")), ("z", Str("x")))),
            "unsupported attribute \"z\"");
    }
}
