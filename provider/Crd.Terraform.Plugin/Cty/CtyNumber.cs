using System.Globalization;
using System.Numerics;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// A cty number: an exact arbitrary-precision decimal (a <see cref="BigInteger"/> mantissa
/// times a power of ten, normalised so that equal numbers have equal representations) or
/// positive/negative infinity. Terraform numbers are arbitrary precision (go-cty uses 512-bit
/// <c>big.Float</c>); keeping them exact means a value round-trips through the provider
/// unchanged, which Terraform's consistency checks require.
/// </summary>
/// <remarks>
/// <c>default(CtyNumber)</c> is zero. There is no negative zero and no NaN.
/// </remarks>
public readonly partial struct CtyNumber : IEquatable<CtyNumber>, IComparable<CtyNumber>
{
    // Decimal exponents beyond this are rejected on parse: the plain decimal text of such a
    // number (what go-cty writes for non-float numbers) would be megabytes long.
    internal const int MaxExponent = 100_000;

    private readonly BigInteger _mantissa;
    private readonly int _exponent;
    private readonly sbyte _infinity;

    private CtyNumber(BigInteger mantissa, int exponent, sbyte infinity)
    {
        _mantissa = mantissa;
        _exponent = exponent;
        _infinity = infinity;
    }

    /// <summary>Zero.</summary>
    public static CtyNumber Zero => default;

    /// <summary>Positive infinity.</summary>
    public static CtyNumber PositiveInfinity { get; } = new(BigInteger.Zero, 0, 1);

    /// <summary>Negative infinity.</summary>
    public static CtyNumber NegativeInfinity { get; } = new(BigInteger.Zero, 0, -1);

    /// <summary>True for positive or negative infinity.</summary>
    public bool IsInfinity => _infinity != 0;

    /// <summary>True if the number is finite and has no fractional part.</summary>
    public bool IsInteger => _infinity == 0 && _exponent >= 0;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _infinity != 0 ? _infinity : _mantissa.Sign;

    /// <summary>The normalised mantissa (no trailing decimal zeros); zero for infinities.</summary>
    public BigInteger Mantissa => _mantissa;

    /// <summary>The power of ten the mantissa is multiplied by.</summary>
    public int Exponent => _exponent;

    /// <summary>Creates a number from an integer.</summary>
    public static CtyNumber FromInt64(long value) => Normalize(new BigInteger(value), 0);

    /// <summary>Creates a number from an unsigned integer.</summary>
    public static CtyNumber FromUInt64(ulong value) => Normalize(new BigInteger(value), 0);

    /// <summary>Creates a number from an integer of any size.</summary>
    public static CtyNumber FromBigInteger(BigInteger value) => Normalize(value, 0);

    /// <summary>
    /// Creates a number equal to <paramref name="mantissa"/> × 10^<paramref name="exponent"/>.
    /// </summary>
    public static CtyNumber FromDecimalParts(BigInteger mantissa, int exponent) => Normalize(mantissa, exponent);

    /// <summary>
    /// Creates a number with the exact binary value of <paramref name="value"/> (every finite
    /// double is a finite decimal: 0.1 becomes 0.1000000000000000055511151231257827...).
    /// Use <see cref="FromDoubleShortest"/> when the double stands for a short decimal.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public static CtyNumber FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("NaN is not a cty number.", nameof(value));
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? PositiveInfinity : NegativeInfinity;
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 9.2e18)
        {
            return FromInt64((long)value);
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long significand;
        int binaryExponent;
        if (rawExponent == 0)
        {
            significand = fraction;
            binaryExponent = -1074;
        }
        else
        {
            significand = fraction | (1L << 52);
            binaryExponent = rawExponent - 1075;
        }

        var mantissa = new BigInteger(negative ? -significand : significand);
        if (binaryExponent >= 0)
        {
            return Normalize(mantissa << binaryExponent, 0);
        }

        // m × 2^-k = m × 5^k × 10^-k
        return Normalize(mantissa * BigInteger.Pow(5, -binaryExponent), binaryExponent);
    }

    /// <summary>
    /// Creates a number from the shortest decimal that round-trips to <paramref name="value"/>
    /// (0.1 stays 0.1), as go-cty prints a number made from a float64.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public static CtyNumber FromDoubleShortest(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return FromDouble(value);
        }

        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Implicit conversion from an integer.</summary>
    public static implicit operator CtyNumber(long value) => FromInt64(value);

    /// <summary>Implicit conversion from an integer.</summary>
    public static implicit operator CtyNumber(int value) => FromInt64(value);

    /// <summary>Equality.</summary>
    public static bool operator ==(CtyNumber left, CtyNumber right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(CtyNumber left, CtyNumber right) => !left.Equals(right);

    /// <summary>Less than.</summary>
    public static bool operator <(CtyNumber left, CtyNumber right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(CtyNumber left, CtyNumber right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(CtyNumber left, CtyNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(CtyNumber left, CtyNumber right) => left.CompareTo(right) >= 0;

    /// <summary>Gets the value as an <see cref="long"/> if it is an integer in range.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (!IsInteger || _exponent > 19)
        {
            return false;
        }

        var integer = _exponent == 0 ? _mantissa : _mantissa * BigInteger.Pow(10, _exponent);
        if (integer < long.MinValue || integer > long.MaxValue)
        {
            return false;
        }

        value = (long)integer;
        return true;
    }

    /// <summary>Gets the value as a <see cref="ulong"/> if it is a non-negative integer in range.</summary>
    public bool TryGetUInt64(out ulong value)
    {
        value = 0;
        if (!IsInteger || _exponent > 20 || _mantissa.Sign < 0)
        {
            return false;
        }

        var integer = _mantissa * BigInteger.Pow(10, _exponent);
        if (integer > ulong.MaxValue)
        {
            return false;
        }

        value = (ulong)integer;
        return true;
    }

    /// <summary>
    /// Gets the value as a <see cref="double"/> only if the double is exactly equal to this
    /// number (infinities included). 0.5 succeeds; 0.1 does not.
    /// </summary>
    public bool TryGetExactDouble(out double value)
    {
        value = ToDouble();
        if (double.IsInfinity(value))
        {
            return _infinity != 0;
        }

        if (_exponent >= 0 && _exponent <= 15 && TryGetInt64(out var integer))
        {
            return Math.Abs(integer) <= (1L << 53) || FromDouble(value).Equals(this);
        }

        return FromDouble(value).Equals(this);
    }

    /// <summary>The nearest double (correctly rounded); ±Infinity when out of range.</summary>
    public double ToDouble()
    {
        if (_infinity != 0)
        {
            return _infinity > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        if (_exponent == 0 && _mantissa >= long.MinValue && _mantissa <= long.MaxValue
            && Math.Abs((long)_mantissa) <= (1L << 53))
        {
            return (double)(long)_mantissa;
        }

        // .NET's parser is correctly rounded for any number of digits (IEEE 754-2008).
        var text = string.Create(CultureInfo.InvariantCulture, $"{_mantissa}E{_exponent}");
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool Equals(CtyNumber other) =>
        _infinity == other._infinity && _exponent == other._exponent && _mantissa.Equals(other._mantissa);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CtyNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_mantissa, _exponent, _infinity);

    /// <inheritdoc />
    public int CompareTo(CtyNumber other)
    {
        if (_infinity != 0 || other._infinity != 0)
        {
            return _infinity == other._infinity ? 0 : Rank(this).CompareTo(Rank(other));
        }

        var sign = _mantissa.Sign;
        if (sign != other._mantissa.Sign)
        {
            return sign.CompareTo(other._mantissa.Sign);
        }

        if (sign == 0)
        {
            return 0;
        }

        if (_exponent == other._exponent)
        {
            return _mantissa.CompareTo(other._mantissa);
        }

        // Same sign: compare magnitudes by order of magnitude first, so that numbers with very
        // different exponents never need a huge power of ten.
        var magnitude = (long)_exponent + DigitCount(_mantissa);
        var otherMagnitude = (long)other._exponent + DigitCount(other._mantissa);
        if (magnitude != otherMagnitude)
        {
            return magnitude.CompareTo(otherMagnitude) * sign;
        }

        var minExponent = Math.Min(_exponent, other._exponent);
        var left = _mantissa * BigInteger.Pow(10, _exponent - minExponent);
        var right = other._mantissa * BigInteger.Pow(10, other._exponent - minExponent);
        return left.CompareTo(right);

        static int Rank(CtyNumber n) => n._infinity != 0 ? n._infinity * 2 : n._mantissa.Sign;
    }

    internal static CtyNumber Normalize(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero)
        {
            return default;
        }

        // Most numbers fit a long: strip trailing zeros without big-integer divisions.
        if (mantissa >= long.MinValue && mantissa <= long.MaxValue)
        {
            var small = (long)mantissa;
            if (small % 10 != 0)
            {
                return Create(mantissa, exponent);
            }

            while (small % 10 == 0)
            {
                small /= 10;
                exponent++;
            }

            return Create(new BigInteger(small), exponent);
        }

        while (true)
        {
            var quotient = BigInteger.DivRem(mantissa, 10, out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            mantissa = quotient;
            exponent++;
        }

        return Create(mantissa, exponent);
    }

    private static CtyNumber Create(BigInteger mantissa, long exponent)
    {
        if (exponent > int.MaxValue / 2 || exponent < int.MinValue / 2)
        {
            throw new OverflowException("The number's decimal exponent is out of range.");
        }

        return new CtyNumber(mantissa, (int)exponent, 0);
    }

    private static int DigitCount(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value);
        if (magnitude <= ulong.MaxValue)
        {
            var small = (ulong)magnitude;
            var digits = 1;
            while (small >= 10)
            {
                small /= 10;
                digits++;
            }

            return digits;
        }

        return magnitude.ToString(CultureInfo.InvariantCulture).Length;
    }
}
