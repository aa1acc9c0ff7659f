using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Cases follow the intent of hashicorp/terraform v1.15.9 internal/plans/objchange/compatible_test.go
// (TestAssertObjectCompatible) plus the apply-time checks of node_resource_abstract_instance.go.
public sealed class ApplyConsistencyTests
{
    private static readonly Block IdName = BlockOf(Computed("id"), Required("name"));

    private static CtyValue IdNameValue(CtyValue id, CtyValue name) => Obj(("id", id), ("name", name));

    private static Block IdAnd(SchemaAttribute attribute) => BlockOf(Computed("id"), attribute);

    [Fact]
    public void Check_EmptyObjects_NoErrors()
    {
        AssertErrors(ApplyConsistency.Check(new Block(), CtyValue.EmptyObject, CtyValue.EmptyObject));
    }

    [Fact]
    public void Check_UnknownComputedBecomesKnown_NoErrors()
    {
        AssertErrors(ApplyConsistency.Check(
            IdName, IdNameValue(UnknownStr, Str("thingy")), IdNameValue(Str("abc123"), Str("thingy"))));
    }

    [Fact]
    public void Check_KnownPlannedValueChanged_ReportsWasButNow()
    {
        var errors = ApplyConsistency.Check(IdName, IdNameValue(UnknownStr, Str("wotsit")), IdNameValue(Str("abc123"), Str("thingy")));
        AssertErrors(errors, ".name: was cty.StringVal(\"wotsit\"), but now cty.StringVal(\"thingy\")");
        Assert.Equal(CtyPath.Root.Attribute("name"), errors[0].Path);
    }

    [Fact]
    public void CheckCompatible_WrongFinalType_ReportsMismatch()
    {
        AssertErrors(ApplyConsistency.CheckCompatible(IdName, IdNameValue(UnknownStr, Str("wotsit")), IdNameValue(Str("abc123"), Num(1))),
            ".name: wrong final value type: string required, but have number");
    }

    [Fact]
    public void Check_ResultTypeDoesNotConformToSchema_ReportsConformanceOnly()
    {
        AssertErrors(ApplyConsistency.Check(IdName, IdNameValue(UnknownStr, Str("wotsit")), IdNameValue(Str("abc123"), Num(1))),
            ".name: string required, but received number");
    }

    [Fact]
    public void Check_NotNullPlaceholderBecameNull_ReportsPlaceholder()
    {
        AssertErrors(ApplyConsistency.Check(IdName, IdNameValue(UnknownStr, UnknownNotNull(CtyType.String)), IdNameValue(Str("abc123"), NullStr)),
            ".name: final value cty.NullVal(cty.String) does not conform to planning placeholder cty.UnknownVal(cty.String).RefineNotNull()");
    }

    [Fact]
    public void Check_PrefixPlaceholderViolated_ReportsPlaceholder()
    {
        var placeholder = CtyValue.Unknown(CtyType.String, new CtyRefinements { StringPrefix = "boop:" });
        AssertErrors(ApplyConsistency.Check(IdName, IdNameValue(UnknownStr, placeholder), IdNameValue(Str("abc123"), Str("thingy"))),
            ".name: final value cty.StringVal(\"thingy\") does not conform to planning placeholder cty.UnknownVal(cty.String).Refine().StringPrefixFull(\"boop:\").NewValue()");
        AssertErrors(ApplyConsistency.Check(IdName, IdNameValue(UnknownStr, placeholder), IdNameValue(Str("abc123"), Str("boop:thingy"))));
    }

    [Fact]
    public void Check_NumberBoundsPlaceholder_EnforcesBounds()
    {
        var schema = IdAnd(Computed("size", CtyType.Number));
        var placeholder = CtyValue.Unknown(CtyType.Number, new CtyRefinements
        {
            NumberLowerBound = (CtyNumber.FromInt64(1), true),
            NumberUpperBound = (CtyNumber.FromInt64(10), false),
        });
        CtyValue V(CtyValue size) => Obj(("id", Str("i")), ("size", size));
        AssertErrors(ApplyConsistency.Check(schema, V(placeholder), V(Num(1))));
        AssertErrors(ApplyConsistency.Check(schema, V(placeholder), V(Num(10))),
            ".size: final value cty.NumberIntVal(10) does not conform to planning placeholder cty.UnknownVal(cty.Number).Refine().NumberLowerBound(cty.NumberIntVal(1), true).NumberUpperBound(cty.NumberIntVal(10), false).NewValue()");
        Assert.Single(ApplyConsistency.Check(schema, V(placeholder), V(Num(0))));
    }

    [Fact]
    public void Check_LengthBoundsPlaceholder_EnforcesBounds()
    {
        var listType = CtyType.List(CtyType.String);
        var schema = IdAnd(Computed("names", listType));
        var placeholder = CtyValue.Unknown(listType, new CtyRefinements { IsNull = false, LengthLowerBound = 1, LengthUpperBound = 2 });
        CtyValue V(CtyValue names) => Obj(("id", Str("i")), ("names", names));
        AssertErrors(ApplyConsistency.Check(schema, V(placeholder), V(ListOf(CtyType.String, Str("a"), Str("b")))));
        AssertErrors(ApplyConsistency.Check(schema, V(placeholder), V(ListOf(CtyType.String, Str("a"), Str("b"), Str("c")))),
            ".names: final value cty.ListVal([]cty.Value{cty.StringVal(\"a\"), cty.StringVal(\"b\"), cty.StringVal(\"c\")}) does not conform to planning placeholder cty.UnknownVal(cty.List(cty.String)).Refine().NotNull().CollectionLengthLowerBound(1).CollectionLengthUpperBound(2).NewValue()");
    }

    [Fact]
    public void Check_SensitiveAttributeChanged_HidesValues()
    {
        var schema = BlockOf(Computed("id"), new SchemaAttribute("name", CtyType.String) { Required = true, Sensitive = true });
        AssertErrors(ApplyConsistency.Check(schema, IdNameValue(UnknownStr, Str("wotsit")), IdNameValue(Str("abc123"), Str("thingy"))),
            ".name: inconsistent values for sensitive attribute");
    }

    [Fact]
    public void Check_DynamicPlaceholder_AcceptsAnyValue()
    {
        var schema = IdAnd(Computed("stuff", CtyType.Dynamic));
        var planned = Obj(("id", UnknownStr), ("stuff", CtyValue.DynamicUnknown));
        AssertErrors(ApplyConsistency.Check(schema, planned, Obj(("id", Str("i")), ("stuff", Obj(("nonsense", Str("x")))))));
    }

    [Fact]
    public void Check_MapElementChanged_ReportsElementPath()
    {
        var schema = IdAnd(Optional("tags", CtyType.Map(CtyType.String)));
        CtyValue V(params (string, CtyValue)[] tags) => Obj(("id", Str("i")), ("tags", MapOf(CtyType.String, tags)));
        AssertErrors(ApplyConsistency.Check(schema, V(("Name", Str("wotsit"))), V(("Name", Str("thingy")))),
            ".tags[\"Name\"]: was cty.StringVal(\"wotsit\"), but now cty.StringVal(\"thingy\")");
        AssertErrors(ApplyConsistency.Check(schema, V(("Name", Str("a"))), V(("Env", Str("prod")), ("Name", Str("a")))),
            ".tags: new element \"Env\" has appeared");
        AssertErrors(ApplyConsistency.Check(schema, V(("Name", Str("a"))), V()),
            ".tags: element \"Name\" has vanished");
        AssertErrors(ApplyConsistency.Check(schema, V(("Name", UnknownStr)), V(("Name", NullStr))));
    }

    [Fact]
    public void Check_SetGrew_ReportsUncorrelatedElementAndLength()
    {
        var setType = CtyType.Set(CtyType.String);
        var schema = IdAnd(Optional("zones", setType));
        CtyValue V(params CtyValue[] zones) => Obj(("id", Str("i")), ("zones", SetOf(CtyType.String, zones)));
        AssertErrors(ApplyConsistency.Check(schema, V(Str("thingy")), V(Str("thingy"))));
        AssertErrors(ApplyConsistency.Check(schema, V(Str("thingy")), V(Str("thingy"), Str("wotsit"))),
            ".zones: actual set element cty.StringVal(\"wotsit\") does not correlate with any element in plan",
            ".zones: length changed from 1 to 2");
    }

    [Fact]
    public void Check_SetUnknownElementsCoalesce_NoErrors()
    {
        var schema = IdAnd(Optional("zones", CtyType.Set(CtyType.String)));
        var planned = Obj(("id", Str("i")), ("zones", SetOf(CtyType.String, UnknownStr, UnknownStr)));
        AssertErrors(ApplyConsistency.Check(schema, planned, Obj(("id", Str("i")), ("zones", SetOf(CtyType.String, Str("thingy"))))));
    }

    [Fact]
    public void Check_ListElements_ReportChangedAndAppeared()
    {
        var schema = IdAnd(Optional("names", CtyType.List(CtyType.String)));
        CtyValue V(params CtyValue[] names) => Obj(("id", Str("i")), ("names", ListOf(CtyType.String, names)));
        AssertErrors(ApplyConsistency.Check(schema, V(Str("thingy"), Str("thingy")), V(Str("thingy"), Str("wotsit"))),
            ".names[1]: was cty.StringVal(\"thingy\"), but now cty.StringVal(\"wotsit\")");
        AssertErrors(ApplyConsistency.Check(schema, V(Str("thingy")), V(Str("thingy"), Str("wotsit"))),
            ".names: new element 1 has appeared");
    }

    [Fact]
    public void Check_NullAndValueSwaps_ReportBothDirections()
    {
        var schema = IdAnd(OptionalComputed("name"));
        AssertErrors(ApplyConsistency.Check(schema, IdNameValue(Str("i"), NullStr), IdNameValue(Str("i"), Str("x"))),
            ".name: was null, but now cty.StringVal(\"x\")");
        AssertErrors(ApplyConsistency.Check(schema, IdNameValue(Str("i"), Str("x")), IdNameValue(Str("i"), NullStr)),
            ".name: was cty.StringVal(\"x\"), but now null");
    }

    [Fact]
    public void Check_NumbersEqualInValue_NoErrors()
    {
        var schema = IdAnd(Optional("n", CtyType.Number));
        AssertErrors(ApplyConsistency.Check(schema, Obj(("id", Str("i")), ("n", Num(2))), Obj(("id", Str("i")), ("n", CtyValue.Number(2.0)))));
        AssertErrors(ApplyConsistency.Check(schema, Obj(("id", Str("i")), ("n", CtyValue.Number(1.5))), Obj(("id", Str("i")), ("n", Num(2)))),
            ".n: was cty.NumberFloatVal(1.5), but now cty.NumberIntVal(2)");
    }

    [Fact]
    public void Check_SingleBlockAppearsOrVanishes_ReportsPresence()
    {
        var foo = ObjType(("foo", CtyType.String));
        var schema = BlockOf(Nested("key", NestingMode.Single, Optional("foo")));
        var present = Obj(("key", Obj(("foo", Str("bar")))));
        var absent = Obj(("key", CtyValue.Null(foo)));
        AssertErrors(ApplyConsistency.Check(schema, absent, present), ".key: was absent, but now present");
        AssertErrors(ApplyConsistency.Check(schema, present, absent), ".key: was present, but now absent");
        AssertErrors(ApplyConsistency.Check(schema, Obj(("key", CtyValue.Unknown(foo))), absent));
    }

    [Fact]
    public void Check_ListBlockCountChanged_ReportsCounts()
    {
        var foo = ObjType(("foo", CtyType.String));
        var schema = BlockOf(Nested("key", NestingMode.List, Optional("foo")));
        var two = Obj(("key", ListOf(foo, Obj(("foo", Str("a"))), Obj(("foo", Str("b"))))));
        var one = Obj(("key", ListOf(foo, Obj(("foo", Str("a"))))));
        AssertErrors(ApplyConsistency.Check(schema, two, one), ".key: block count changed from 2 to 1");
        AssertErrors(ApplyConsistency.Check(schema, Obj(("key", ListOf(foo, Obj(("foo", Str("a")))))), Obj(("key", ListOf(foo, Obj(("foo", Str("z"))))))),
            ".key[0].foo: was cty.StringVal(\"a\"), but now cty.StringVal(\"z\")");
    }

    [Fact]
    public void Check_SetBlockElementChanged_ReportsUncorrelatedPlannedElement()
    {
        var foo = ObjType(("foo", CtyType.String));
        var schema = BlockOf(Nested("block", NestingMode.Set, Optional("foo")));
        AssertErrors(ApplyConsistency.Check(schema, Obj(("block", SetOf(foo, Obj(("foo", Str("hello")))))), Obj(("block", SetOf(foo, Obj(("foo", Str("world"))))))),
            ".block: planned set element cty.ObjectVal(map[string]cty.Value{\"foo\":cty.StringVal(\"hello\")}) does not correlate with any element in actual");
    }

    [Fact]
    public void Check_SetBlockUnknownAttributeResolved_NoErrors()
    {
        var element = ObjType(("foo", CtyType.String), ("id", CtyType.String));
        var schema = BlockOf(Nested("block", NestingMode.Set, Optional("foo"), Computed("id")));
        var planned = Obj(("block", SetOf(element, Obj(("foo", Str("a")), ("id", UnknownStr)), Obj(("foo", Str("b")), ("id", UnknownStr)))));
        var actual = Obj(("block", SetOf(element, Obj(("foo", Str("a")), ("id", Str("1"))), Obj(("foo", Str("b")), ("id", Str("2"))))));
        AssertErrors(ApplyConsistency.Check(schema, planned, actual));
    }

    [Fact]
    public void Check_MapBlockCountChanged_ReportsCounts()
    {
        var foo = ObjType(("foo", CtyType.String));
        var schema = BlockOf(Nested("m", NestingMode.Map, Optional("foo")));
        AssertErrors(ApplyConsistency.Check(schema, Obj(("m", MapOf(foo, ("a", Obj(("foo", Str("x"))))))), Obj(("m", MapOf(foo)))),
            ".m: block count changed from 1 to 0");
    }

    [Fact]
    public void Check_RootAppearsForDestroyPlan_ReportsRootObject()
    {
        var schema = BlockOf(Optional("a"));
        AssertErrors(ApplyConsistency.Check(schema, CtyValue.Null(schema.ImpliedType()), Obj(("a", Str("x")))),
            "Root object was absent, but now present");
        AssertErrors(ApplyConsistency.Check(schema, Obj(("a", Str("x"))), CtyValue.Null(schema.ImpliedType())),
            "Root object was present, but now absent");
    }

    [Fact]
    public void Check_UnknownLeftAfterApply_ReportsEachPathAndSkipsComparison()
    {
        var schema = BlockOf(Computed("id"), Optional("tags", CtyType.Map(CtyType.String)));
        var planned = Obj(("id", UnknownStr), ("tags", MapOf(CtyType.String, ("a", Str("x")))));
        var actual = Obj(("id", UnknownStr), ("tags", MapOf(CtyType.String, ("a", UnknownStr))));
        var errors = ApplyConsistency.Check(schema, planned, actual);
        AssertErrors(errors,
            ".id: the provider still indicated an unknown value after apply; all values must be known after apply",
            ".tags[\"a\"]: the provider still indicated an unknown value after apply; all values must be known after apply");
        Assert.Equal(CtyPath.Root.Attribute("tags").Key("a"), errors.Single(e => e.Path.Steps.Count == 2).Path);
    }

    [Fact]
    public void WhollyKnownCheck_KnownValue_NoErrors()
    {
        AssertErrors(ApplyConsistency.WhollyKnownCheck(Obj(("a", ListOf(CtyType.String, Str("x"))), ("b", NullStr))));
        AssertErrors(ApplyConsistency.WhollyKnownCheck(Obj(("a", ListOf(CtyType.String, Str("x"), UnknownStr)))),
            ".a[1]: the provider still indicated an unknown value after apply; all values must be known after apply");
    }

    [Fact]
    public void Check_WriteOnlyReturnedAfterApply_ReportsAttribute()
    {
        var schema = BlockOf(new SchemaAttribute("secret", CtyType.String) { Optional = true, WriteOnly = true });
        AssertErrors(ApplyConsistency.Check(schema, Obj(("secret", NullStr)), Obj(("secret", Str("x")))),
            ".secret: returned a value for a write-only attribute after apply; write-only attributes cannot be read back");
    }

    [Fact]
    public void CheckCompatible_KnownBecameUnknown_ReportsIt()
    {
        AssertErrors(ApplyConsistency.CheckCompatible(IdName, IdNameValue(Str("a"), Str("b")), IdNameValue(Str("a"), UnknownStr)),
            ".name: was known, but now unknown");
    }
}
