using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Cty.Msgpack;

namespace Crd.Terraform.Plugin.Tests.Cty;

public sealed class CtyValueTests
{
    private static readonly CtyType s_vmType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["name"] = CtyType.String,
        ["size"] = CtyType.Number,
        ["tags"] = CtyType.Map(CtyType.String),
        ["site"] = CtyType.List(CtyType.Object(new Dictionary<string, CtyType> { ["name"] = CtyType.String })),
    });

    [Fact]
    public void Set_Numbers_AscendingWithoutDuplicates()
    {
        var set = CtyValue.Set(CtyType.Number, [CtyValue.Number(3), CtyValue.Number(1), CtyValue.Number(2.5), CtyValue.Number(1)]);

        Assert.Equal(["1", "2.5", "3"], set.Elements.Select(e => e.AsNumber().ToString()));
    }

    [Fact]
    public void Set_Strings_CodePointOrder()
    {
        var set = CtyValue.Set(CtyType.String, new[] { "b", "a", "B", "\U0001F680", "\uFFFD" }.Select(CtyValue.String));

        Assert.Equal(["B", "a", "b", "\uFFFD", "\U0001F680"], set.Elements.Select(e => e.AsString()));
    }

    [Fact]
    public void Set_Bools_FalseBeforeTrue()
    {
        var set = CtyValue.Set(CtyType.Bool, [CtyValue.True, CtyValue.False, CtyValue.True]);

        Assert.Equal([false, true], set.Elements.Select(e => e.AsBool()));
    }

    [Fact]
    public void Set_UnknownsAndNull_KnownFirstThenUnknownsThenNull()
    {
        var set = CtyValue.Set(CtyType.String,
        [
            CtyValue.Unknown(CtyType.String), CtyValue.Null(CtyType.String), CtyValue.String("b"),
            CtyValue.Unknown(CtyType.String), CtyValue.String("a"), CtyValue.Null(CtyType.String),
        ]);

        Assert.Equal(5, set.Length);
        Assert.Equal("a", set.Elements[0].AsString());
        Assert.Equal("b", set.Elements[1].AsString());
        Assert.False(set.Elements[2].IsKnown);
        Assert.False(set.Elements[3].IsKnown);
        Assert.True(set.Elements[4].IsNull);
    }

    [Fact]
    public void Set_Objects_OrderedByGoCtyHashText()
    {
        var ruleType = CtyType.Object(new Dictionary<string, CtyType> { ["port"] = CtyType.Number });
        CtyValue Rule(long port) => CtyValue.Object(ruleType, new Dictionary<string, CtyValue> { ["port"] = CtyValue.Number(port) });

        var set = CtyValue.Set(ruleType, [Rule(80), Rule(443), Rule(22), Rule(80)]);

        // go-cty compares "<22;>", "<443;>", "<80;>" byte-wise.
        Assert.Equal(["22", "443", "80"], set.Elements.Select(e => e.GetAttribute("port").AsNumber().ToString()));
        Assert.Equal("93" + "81a4706f727416" + "81a4706f7274cd01bb" + "81a4706f727450",
            Convert.ToHexString(CtyMsgpackCodec.Encode(set, CtyType.Set(ruleType))).ToLowerInvariant());
    }

    [Fact]
    public void Set_InsertionOrder_DoesNotChangeEncoding()
    {
        var a = CtyValue.Set(CtyType.String, new[] { "x", "y", "z" }.Select(CtyValue.String));
        var b = CtyValue.Set(CtyType.String, new[] { "z", "x", "y" }.Select(CtyValue.String));

        Assert.Equal(a, b);
        Assert.Equal(CtyMsgpackCodec.Encode(a, a.Type), CtyMsgpackCodec.Encode(b, b.Type));
    }

    [Fact]
    public void String_Decomposed_IsNfcNormalised()
    {
        Assert.Equal("caf\u00e9", CtyValue.String("cafe\u0301").AsString());
    }

    [Fact]
    public void Object_WithType_MissingAttributesBecomeNull()
    {
        var value = CtyValue.Object(s_vmType, new Dictionary<string, CtyValue> { ["name"] = CtyValue.String("vm") });

        Assert.Equal(s_vmType, value.Type);
        Assert.True(value.GetAttribute("size").IsNull);
        Assert.Equal(CtyType.Number, value.GetAttribute("size").Type);
        Assert.Equal(["name", "site", "size", "tags"], value.Attributes.Keys);
    }

    [Fact]
    public void Object_WithType_UnknownAttributeOrWrongType_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            CtyValue.Object(s_vmType, new Dictionary<string, CtyValue> { ["nope"] = CtyValue.True }));
        Assert.Throws<ArgumentException>(() =>
            CtyValue.Object(s_vmType, new Dictionary<string, CtyValue> { ["size"] = CtyValue.String("2") }));
    }

    [Fact]
    public void Object_WithDynamicAttribute_KeepsConcreteValueType()
    {
        var type = CtyType.Object(new Dictionary<string, CtyType> { ["v"] = CtyType.Dynamic });

        var value = CtyValue.Object(type, new Dictionary<string, CtyValue> { ["v"] = CtyValue.String("x") });

        Assert.Equal(CtyType.Object(new Dictionary<string, CtyType> { ["v"] = CtyType.String }), value.Type);
    }

    [Fact]
    public void List_InconsistentElements_Throws()
    {
        Assert.Throws<ArgumentException>(() => CtyValue.List(CtyType.String, [CtyValue.String("a"), CtyValue.Number(1)]));
        Assert.Throws<ArgumentException>(() => CtyValue.List(CtyType.Dynamic, [CtyValue.String("a"), CtyValue.Number(1)]));
    }

    [Fact]
    public void List_DynamicElementType_TakesConcreteElementType()
    {
        var list = CtyValue.List(CtyType.Dynamic, [CtyValue.String("a"), CtyValue.DynamicUnknown]);

        Assert.Equal(CtyType.List(CtyType.String), list.Type);
        Assert.Equal(CtyValue.Unknown(CtyType.String), list.Elements[1]);
    }

    [Fact]
    public void Map_DuplicateKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => CtyValue.Map(CtyType.String,
            [KeyValuePair.Create("k", CtyValue.String("1")), KeyValuePair.Create("k", CtyValue.String("2"))]));
    }

    [Fact]
    public void Accessors_NullUnknownOrWrongKind_ThrowInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(CtyType.String).AsString());
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Number).AsNumber());
        Assert.Throws<InvalidOperationException>(() => CtyValue.String("x").AsBool());
        Assert.Throws<InvalidOperationException>(() => CtyValue.String("x").Elements);
        Assert.Throws<InvalidOperationException>(() => CtyValue.EmptyObject.MapEntries);
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(CtyType.List(CtyType.String)).Length);
        Assert.Throws<KeyNotFoundException>(() => CtyValue.EmptyObject.GetAttribute("x"));
    }

    [Fact]
    public void Equals_RefinementsDiffer_OnlyIgnoringRefinementsEqual()
    {
        var plain = CtyValue.Unknown(CtyType.String);
        var notNull = CtyValue.Unknown(CtyType.String, CtyRefinements.NotNull);

        Assert.NotEqual(plain, notNull);
        Assert.True(plain.EqualsIgnoringRefinements(notNull));
        Assert.Equal(notNull, CtyValue.Unknown(CtyType.String, new CtyRefinements { IsNull = false }));
        Assert.NotEqual(CtyValue.Null(CtyType.String), CtyValue.Null(CtyType.Number));
        Assert.NotEqual(CtyValue.Null(CtyType.String), plain);
    }

    [Fact]
    public void Equals_EqualStructures_SameHash()
    {
        var a = CtyValue.Object(s_vmType, new Dictionary<string, CtyValue> { ["name"] = CtyValue.String("vm"), ["size"] = CtyValue.Number(2) });
        var b = CtyValue.Object(s_vmType, new Dictionary<string, CtyValue> { ["size"] = CtyValue.Number(2.0), ["name"] = CtyValue.String("vm") });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Unknown_EmptyOrVacuousRefinements_BecomePlain()
    {
        Assert.Null(CtyValue.Unknown(CtyType.String, new CtyRefinements()).Refinements);
        Assert.Null(CtyValue.Unknown(CtyType.List(CtyType.String), new CtyRefinements { LengthLowerBound = 0 }).Refinements);
        Assert.Null(CtyValue.Unknown(CtyType.Number, new CtyRefinements { NumberLowerBound = (CtyNumber.NegativeInfinity, true) }).Refinements);
        Assert.Null(CtyValue.Unknown(CtyType.Dynamic, CtyRefinements.NotNull).Refinements);
    }

    [Fact]
    public void Unknown_RefinementForOtherKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => CtyValue.Unknown(CtyType.Number, new CtyRefinements { StringPrefix = "a" }));
        Assert.Throws<ArgumentException>(() => CtyValue.Unknown(CtyType.String, new CtyRefinements { LengthUpperBound = 2 }));
        Assert.Throws<ArgumentException>(() => CtyValue.Unknown(CtyType.String, new CtyRefinements { IsNull = true }));
    }

    [Fact]
    public void IsWhollyKnown_NestedUnknown_False()
    {
        var list = CtyValue.List(CtyType.String, [CtyValue.String("a"), CtyValue.Unknown(CtyType.String)]);

        Assert.True(list.IsKnown);
        Assert.False(list.IsWhollyKnown);
        Assert.True(CtyValue.Null(CtyType.String).IsWhollyKnown);
    }

    [Fact]
    public void Traverse_Paths_FindOrReturnNull()
    {
        var site = CtyType.Object(new Dictionary<string, CtyType> { ["name"] = CtyType.String });
        var value = CtyValue.Object(s_vmType, new Dictionary<string, CtyValue>
        {
            ["tags"] = CtyValue.Map(CtyType.String, [KeyValuePair.Create("k", CtyValue.String("v"))]),
            ["site"] = CtyValue.List(site, [CtyValue.Object(site, new Dictionary<string, CtyValue> { ["name"] = CtyValue.String("brest") })]),
        });

        Assert.Equal("brest", value.Traverse(CtyPath.Root.Attribute("site").Index(0).Attribute("name"))!.AsString());
        Assert.Equal("v", value.Traverse(CtyPath.Root.Attribute("tags").Key("k"))!.AsString());
        Assert.Same(value, value.Traverse(CtyPath.Root));
        Assert.Null(value.Traverse(CtyPath.Root.Attribute("site").Index(1)));
        Assert.Null(value.Traverse(CtyPath.Root.Attribute("name").Attribute("x")));
        Assert.Null(value.Traverse(CtyPath.Root.Attribute("tags").Index(0)));
    }

    [Fact]
    public void ToString_Object_IsHclLike()
    {
        var value = CtyValue.Object(
        [
            KeyValuePair.Create("name", CtyValue.String("vm \"1\"")),
            KeyValuePair.Create("size", CtyValue.Number(2)),
            KeyValuePair.Create("ids", CtyValue.List(CtyType.Number, [CtyValue.Number(1), CtyValue.Unknown(CtyType.Number)])),
            KeyValuePair.Create("gone", CtyValue.Null(CtyType.String)),
        ]);

        Assert.Equal("{ gone = null, ids = [1, (unknown)], name = \"vm \\\"1\\\"\", size = 2 }", value.ToString());
    }
}
