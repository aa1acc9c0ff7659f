using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// The three rule sets together, as one plan/apply cycle runs them: Terraform proposes, a
// well-behaved provider marks unset computed values unknown, apply fills them in.
public sealed class ConsistencyRoundTripTests
{
    private static readonly CtyType Disk = ObjType(("size", CtyType.Number), ("id", CtyType.String));
    private static readonly CtyType Net = ObjType(("name", CtyType.String), ("ip", CtyType.String));

    private static readonly Block VmSchema = BlockOf(
        Computed("id"),
        Required("name"),
        Optional("description"),
        OptionalComputed("flavor"),
        Nested("disk", NestingMode.List, Required("size", CtyType.Number), Computed("id")),
        Nested("network", NestingMode.Set, Required("name"), OptionalComputed("ip")));

    private static CtyValue Vm(CtyValue id, string name, CtyValue flavor, CtyValue[] disks, CtyValue[] networks) => Obj(
        ("id", id), ("name", Str(name)), ("description", NullStr), ("flavor", flavor),
        ("disk", ListOf(Disk, disks)), ("network", SetOf(Net, networks)));

    private static CtyValue DiskOf(long size, CtyValue id) => Obj(("size", Num(size)), ("id", id));

    private static CtyValue NetOf(string name, CtyValue ip) => Obj(("name", Str(name)), ("ip", ip));

    // What the SDK's plan pipeline does for computed attributes the proposal leaves null.
    private static CtyValue MarkUnsetComputedUnknown(Block block, CtyValue value)
    {
        if (!value.IsKnownAndNotNull)
        {
            return value;
        }

        var result = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in block.Attributes)
        {
            var current = value.GetAttribute(attribute.Name);
            result[attribute.Name] = attribute.Computed && current.IsNull ? CtyValue.Unknown(attribute.Type) : current;
        }

        foreach (var nested in block.Blocks)
        {
            var current = value.GetAttribute(nested.TypeName);
            result[nested.TypeName] = nested.Nesting switch
            {
                NestingMode.List => ListOf(current.Type.ElementType, current.Elements.Select(e => MarkUnsetComputedUnknown(nested.Block, e)).ToArray()),
                NestingMode.Set => SetOf(current.Type.ElementType, current.Elements.Select(e => MarkUnsetComputedUnknown(nested.Block, e)).ToArray()),
                _ => MarkUnsetComputedUnknown(nested.Block, current),
            };
        }

        return CtyValue.Object(result);
    }

    [Fact]
    public void Create_ProposedThenPlannedThenApplied_PassesEveryCheck()
    {
        var prior = CtyValue.Null(VmSchema.ImpliedType());
        var config = Vm(NullStr, "vm1", NullStr, [DiskOf(10, NullStr)], [NetOf("public", NullStr)]);

        var proposed = ProposedNewState.Compute(VmSchema, prior, config);
        var planned = MarkUnsetComputedUnknown(VmSchema, proposed);
        AssertErrors(PlanValidity.Check(VmSchema, prior, config, planned));

        var applied = Vm(Str("vm-1"), "vm1", Str("m1.small"), [DiskOf(10, Str("d-1"))], [NetOf("public", Str("10.0.0.5"))]);
        AssertErrors(ApplyConsistency.Check(VmSchema, planned, applied));
    }

    [Fact]
    public void Update_ComputedValuesCarriedFromPrior_PlanIsValidAndStable()
    {
        var prior = Vm(Str("vm-1"), "vm1", Str("m1.small"), [DiskOf(10, Str("d-1"))], [NetOf("public", Str("10.0.0.5")), NetOf("private", Str("192.168.0.2"))]);
        var config = Vm(NullStr, "vm1-renamed", NullStr, [DiskOf(10, NullStr)], [NetOf("private", NullStr), NetOf("public", NullStr)]);

        var proposed = ProposedNewState.Compute(VmSchema, prior, config);
        var expected = Vm(Str("vm-1"), "vm1-renamed", Str("m1.small"), [DiskOf(10, Str("d-1"))], [NetOf("public", Str("10.0.0.5")), NetOf("private", Str("192.168.0.2"))]);
        Assert.True(expected.Equals(proposed), CtyGoSyntax.Value(proposed));

        AssertErrors(PlanValidity.Check(VmSchema, prior, config, proposed));
        Assert.Equal([CtyPath.Root.Attribute("name")], RequiresReplacePaths.Evaluate(prior, proposed, [CtyPath.Root.Attribute("name"), CtyPath.Root.Attribute("flavor")]));
        AssertErrors(ApplyConsistency.Check(VmSchema, proposed, proposed));
    }

    [Fact]
    public void Apply_ProviderRewritesConfiguredValue_IsCaughtWithPath()
    {
        var prior = CtyValue.Null(VmSchema.ImpliedType());
        var config = Vm(NullStr, "vm1", NullStr, [DiskOf(10, NullStr)], []);
        var planned = MarkUnsetComputedUnknown(VmSchema, ProposedNewState.Compute(VmSchema, prior, config));

        var applied = Vm(Str("vm-1"), "vm1", Str("m1.small"), [DiskOf(20, Str("d-1"))], []);
        AssertErrors(ApplyConsistency.Check(VmSchema, planned, applied),
            ".disk[0].size: was cty.NumberIntVal(10), but now cty.NumberIntVal(20)");
    }

    [Fact]
    public void Plan_ProviderFillsOptionalAttributeItDoesNotCompute_IsCaught()
    {
        var prior = CtyValue.Null(VmSchema.ImpliedType());
        var config = Vm(NullStr, "vm1", NullStr, [], []);
        var planned = MarkUnsetComputedUnknown(VmSchema, ProposedNewState.Compute(VmSchema, prior, config));
        var withDescription = CtyValue.Object(planned.Attributes.Select(a =>
            a.Key == "description" ? KeyValuePair.Create(a.Key, Str("made up")) : a));

        AssertErrors(PlanValidity.Check(VmSchema, prior, config, withDescription),
            ".description: planned value cty.StringVal(\"made up\") for a non-computed attribute");
    }
}
