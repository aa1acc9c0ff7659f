using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Server.Consistency;
using static Crd.Terraform.Plugin.Tests.Server.Consistency.ConsistencyTestData;

namespace Crd.Terraform.Plugin.Tests.Server.Consistency;

// Facts from go-cty v1.18.1 cty/value_ops.go Equals and cty/value_range.go Includes.
public sealed class CtyValueChecksTests
{
    [Fact]
    public void Equals_NullsOfDifferentTypes_AreEqual()
    {
        Assert.True(CtyValueChecks.Equals(NullStr, CtyValue.Null(CtyType.Number)));
    }

    [Fact]
    public void Equals_UnknownInvolved_IsUndecidedUnlessRefinementsDecide()
    {
        Assert.Null(CtyValueChecks.Equals(Str("a"), UnknownStr));
        Assert.Null(CtyValueChecks.Equals(UnknownStr, UnknownStr));
        Assert.Null(CtyValueChecks.Equals(NullStr, UnknownStr));
        Assert.False(CtyValueChecks.Equals(NullStr, UnknownNotNull(CtyType.String)));
        Assert.False(CtyValueChecks.Equals(Str("a"), CtyValue.Unknown(CtyType.String, new CtyRefinements { StringPrefix = "b" })));
        Assert.False(CtyValueChecks.Equals(Num(1), UnknownStr));
    }

    [Fact]
    public void Equals_Collections_CompareElementwiseWithShortCircuit()
    {
        Assert.True(CtyValueChecks.Equals(ListOf(CtyType.String, Str("a")), ListOf(CtyType.String, Str("a"))));
        Assert.False(CtyValueChecks.Equals(ListOf(CtyType.String, Str("a")), ListOf(CtyType.String, Str("a"), Str("b"))));
        Assert.False(CtyValueChecks.Equals(ListOf(CtyType.String, Str("a"), UnknownStr), ListOf(CtyType.String, Str("b"), Str("c"))));
        Assert.Null(CtyValueChecks.Equals(ListOf(CtyType.String, UnknownStr, Str("a")), ListOf(CtyType.String, Str("b"), Str("c"))));
        Assert.Null(CtyValueChecks.Equals(SetOf(CtyType.String, Str("a"), UnknownStr), SetOf(CtyType.String, Str("a"), Str("b"))));
        Assert.True(CtyValueChecks.Equals(SetOf(CtyType.String, Str("b"), Str("a")), SetOf(CtyType.String, Str("a"), Str("b"))));
        Assert.False(CtyValueChecks.Equals(
            MapOf(CtyType.String, ("a", Str("x"))), MapOf(CtyType.String, ("b", Str("x")))));
    }

    [Fact]
    public void DefinitelyExcludes_ChecksRefinementsOnly()
    {
        var bounded = CtyValue.Unknown(CtyType.Number, new CtyRefinements { NumberLowerBound = (CtyNumber.FromInt64(0), false) });
        Assert.True(CtyValueChecks.DefinitelyExcludes(bounded, Num(0)));
        Assert.False(CtyValueChecks.DefinitelyExcludes(bounded, Num(1)));
        Assert.False(CtyValueChecks.DefinitelyExcludes(bounded, CtyValue.Null(CtyType.Number)));
        Assert.True(CtyValueChecks.DefinitelyExcludes(UnknownStr, Num(1)));
        Assert.False(CtyValueChecks.DefinitelyExcludes(UnknownStr, Str("anything")));
    }
}
