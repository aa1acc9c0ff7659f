using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Tests.Cty;

public sealed class CtyNumberTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.000", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("+7", "7")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("1e-3", "0.001")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("-129", "-129")]
    [InlineData("00012.3400", "12.34")]
    [InlineData("123456789012345678901234567890.125", "123456789012345678901234567890.125")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("Inf", "+Inf")]
    [InlineData("-Inf", "-Inf")]
    public void Parse_ValidText_ToStringIsCanonicalPlainDecimal(string text, string expected)
    {
        Assert.Equal(expected, CtyNumber.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("NaN")]
    [InlineData("1_000")]
    [InlineData("1e999999999")]
    [InlineData("1e-999999999")]
    public void TryParse_InvalidOrHugeText_ReturnsFalse(string text)
    {
        Assert.False(CtyNumber.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => CtyNumber.Parse("twelve"));
    }

    [Fact]
    public void Equality_SameValueDifferentSpelling_IsEqualWithSameHash()
    {
        var a = CtyNumber.Parse("1.0");
        var b = CtyNumber.FromInt64(1);
        var c = CtyNumber.FromDouble(1.0);

        Assert.Equal(a, b);
        Assert.Equal(b, c);
        Assert.Equal(a.GetHashCode(), c.GetHashCode());
        Assert.NotEqual(CtyNumber.Parse("1.01"), a);
    }

    [Fact]
    public void FromDouble_PointOne_IsExactBinaryValue()
    {
        var number = CtyNumber.FromDouble(0.1);

        Assert.Equal("0.1000000000000000055511151231257827021181583404541015625", number.ToString());
        Assert.NotEqual(CtyNumber.Parse("0.1"), number);
        Assert.Equal(CtyNumber.Parse("0.1"), CtyNumber.FromDoubleShortest(0.1));
    }

    [Fact]
    public void FromDouble_NegativeZero_IsZero()
    {
        Assert.Equal(CtyNumber.Zero, CtyNumber.FromDouble(-0.0));
        Assert.Equal("0", CtyNumber.FromDouble(-0.0).ToString());
    }

    [Fact]
    public void FromDouble_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => CtyNumber.FromDouble(double.NaN));
    }

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-1.5e-300)]
    [InlineData(123.456)]
    [InlineData(9007199254740993.0)]
    public void FromDouble_AnyFiniteDouble_RoundTripsExactly(double value)
    {
        var number = CtyNumber.FromDouble(value);

        Assert.True(number.TryGetExactDouble(out var back));
        Assert.Equal(value, back);
        Assert.Equal(number, CtyNumber.Parse(number.ToString()));
    }

    [Theory]
    [InlineData("0.5", true)]
    [InlineData("0.1", false)]
    [InlineData("9007199254740992", true)]
    [InlineData("9007199254740993", false)]
    [InlineData("1e400", false)]
    [InlineData("1e-400", false)]
    [InlineData("Inf", true)]
    public void TryGetExactDouble_Number_ReportsExactness(string text, bool exact)
    {
        Assert.Equal(exact, CtyNumber.Parse(text).TryGetExactDouble(out _));
    }

    [Fact]
    public void ToDouble_InexactDecimal_IsNearestDouble()
    {
        Assert.Equal(0.1, CtyNumber.Parse("0.1").ToDouble());
        Assert.Equal(double.PositiveInfinity, CtyNumber.Parse("1e400").ToDouble());
        Assert.Equal(0.0, CtyNumber.Parse("1e-400").ToDouble());
    }

    [Fact]
    public void TryGetInt64_Limits_AreExact()
    {
        Assert.True(CtyNumber.FromInt64(long.MaxValue).TryGetInt64(out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.True(CtyNumber.FromInt64(long.MinValue).TryGetInt64(out var min));
        Assert.Equal(long.MinValue, min);
        Assert.False(CtyNumber.Parse("9223372036854775808").TryGetInt64(out _));
        Assert.False(CtyNumber.Parse("1.5").TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("1.5e1").TryGetInt64(out var fifteen));
        Assert.Equal(15, fifteen);
    }

    [Fact]
    public void IsInteger_FractionAndInfinity_AreNotIntegers()
    {
        Assert.True(CtyNumber.Parse("1e20").IsInteger);
        Assert.False(CtyNumber.Parse("0.5").IsInteger);
        Assert.False(CtyNumber.PositiveInfinity.IsInteger);
    }

    [Fact]
    public void CompareTo_MixedMagnitudes_OrdersNumerically()
    {
        var ordered = new[] { "-Inf", "-1e30", "-2", "-1.5", "0", "1e-30", "0.1", "0.5", "1", "1.0000000000000000000001", "2", "1e30", "Inf" }
            .Select(CtyNumber.Parse)
            .ToArray();
        var shuffled = ordered.Reverse().ToList();

        shuffled.Sort();

        Assert.Equal(ordered, shuffled);
        Assert.True(CtyNumber.Parse("0.1") < CtyNumber.FromDouble(0.1));
    }

    [Fact]
    public void ImplicitConversion_FromInt_Works()
    {
        CtyNumber number = 42;

        Assert.Equal(CtyNumber.FromInt64(42), number);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("0.5", "0.5")]
    [InlineData("1e12", "1e+12")]
    [InlineData("12345678901", "1.23456789e+10")]
    [InlineData("12345678951", "1.234567895e+10")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("1234567890", "1234567890")]
    [InlineData("9999999999.9", "1e+10")]
    [InlineData("443", "443")]
    public void FormatG10_Number_MatchesGoBigFloatString(string text, string expected)
    {
        Assert.Equal(expected, CtySetOrder.FormatG10(CtyNumber.Parse(text)));
    }
}
