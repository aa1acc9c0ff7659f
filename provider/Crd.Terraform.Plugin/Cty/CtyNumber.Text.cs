using System.Globalization;
using System.Numerics;
using System.Text;

namespace Crd.Terraform.Plugin.Cty;

public readonly partial struct CtyNumber
{
    /// <summary>
    /// Parses a decimal number as go-cty's <c>ParseNumberVal</c> does (Go
    /// <c>big.ParseFloat</c>, base 10): optional sign, digits with an optional fraction, an
    /// optional exponent (<c>e</c>/<c>E</c>), or <c>Inf</c>. The result is exact.
    /// </summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public static CtyNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var number)
            ? number
            : throw new FormatException($"\"{text}\" is not a number.");
    }

    /// <summary>Parses a decimal number; see <see cref="Parse(string)"/>.</summary>
    public static bool TryParse(string? text, out CtyNumber number)
    {
        number = default;
        return text is not null && TryParse(text.AsSpan(), out number);
    }

    /// <summary>Parses a decimal number given as UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CtyNumber number)
    {
        number = default;
        if (text.Length > 1 << 20)
        {
            return false;
        }

        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                return false;
            }

            buffer[i] = (byte)text[i];
        }

        return TryParse(buffer, out number);
    }

    /// <summary>Parses a decimal number given as ASCII/UTF-8 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out CtyNumber number)
    {
        number = default;
        var pos = 0;
        var negative = false;
        if (pos < utf8.Length && (utf8[pos] == '+' || utf8[pos] == '-'))
        {
            negative = utf8[pos] == '-';
            pos++;
        }

        var rest = utf8[pos..];
        if (rest.SequenceEqual("Inf"u8) || rest.SequenceEqual("inf"u8))
        {
            number = negative ? NegativeInfinity : PositiveInfinity;
            return true;
        }

        var intStart = pos;
        while (pos < utf8.Length && IsDigit(utf8[pos]))
        {
            pos++;
        }

        var intDigits = utf8[intStart..pos];
        ReadOnlySpan<byte> fracDigits = default;
        if (pos < utf8.Length && utf8[pos] == '.')
        {
            pos++;
            var fracStart = pos;
            while (pos < utf8.Length && IsDigit(utf8[pos]))
            {
                pos++;
            }

            fracDigits = utf8[fracStart..pos];
        }

        if (intDigits.IsEmpty && fracDigits.IsEmpty)
        {
            return false;
        }

        long exponent = 0;
        if (pos < utf8.Length && (utf8[pos] == 'e' || utf8[pos] == 'E'))
        {
            pos++;
            var expNegative = false;
            if (pos < utf8.Length && (utf8[pos] == '+' || utf8[pos] == '-'))
            {
                expNegative = utf8[pos] == '-';
                pos++;
            }

            var expStart = pos;
            while (pos < utf8.Length && IsDigit(utf8[pos]))
            {
                // Saturate: anything this large is rejected below anyway.
                exponent = Math.Min(exponent * 10 + (utf8[pos] - '0'), 1L << 40);
                pos++;
            }

            if (pos == expStart)
            {
                return false;
            }

            if (expNegative)
            {
                exponent = -exponent;
            }
        }

        if (pos != utf8.Length)
        {
            return false;
        }

        // Fast path: a plain integer of up to 18 digits.
        if (fracDigits.IsEmpty && exponent == 0 && intDigits.Length <= 18)
        {
            long integer = 0;
            foreach (var b in intDigits)
            {
                integer = (integer * 10) + (b - '0');
            }

            number = Normalize(new BigInteger(negative ? -integer : integer), 0);
            return true;
        }

        // Digits without leading or trailing zeros; trailing zeros become exponent so that a
        // long run of zeros never turns into repeated big-integer divisions.
        var digits = new StringBuilder(intDigits.Length + fracDigits.Length);
        foreach (var b in intDigits)
        {
            digits.Append((char)b);
        }

        foreach (var b in fracDigits)
        {
            digits.Append((char)b);
        }

        exponent -= fracDigits.Length;
        var end = digits.Length;
        while (end > 0 && digits[end - 1] == '0')
        {
            end--;
            exponent++;
        }

        var start = 0;
        while (start < end && digits[start] == '0')
        {
            start++;
        }

        if (start == end)
        {
            number = default;
            return true;
        }

        var significant = end - start;
        if (exponent + significant > MaxExponent || exponent < -MaxExponent)
        {
            return false;
        }

        var mantissa = BigInteger.Parse(
            digits.ToString(start, significant), NumberStyles.None, CultureInfo.InvariantCulture);
        number = new CtyNumber(negative ? -mantissa : mantissa, (int)exponent, 0);
        return true;
    }

    /// <summary>
    /// The canonical plain decimal text, as Go's <c>big.Float.Text('f', -1)</c> writes it for
    /// an exact value: no exponent, no trailing zeros (<c>0.1</c>, <c>-129</c>,
    /// <c>123456789012345678901234567890.125</c>), <c>+Inf</c>/<c>-Inf</c> for infinities.
    /// </summary>
    public override string ToString()
    {
        if (_infinity != 0)
        {
            return _infinity > 0 ? "+Inf" : "-Inf";
        }

        if (_mantissa.IsZero)
        {
            return "0";
        }

        var digits = BigInteger.Abs(_mantissa).ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(digits.Length + Math.Abs(_exponent) + 3);
        if (_mantissa.Sign < 0)
        {
            builder.Append('-');
        }

        if (_exponent >= 0)
        {
            builder.Append(digits).Append('0', _exponent);
        }
        else
        {
            var pointAt = digits.Length + _exponent;
            if (pointAt > 0)
            {
                builder.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
            }
            else
            {
                builder.Append("0.").Append('0', -pointAt).Append(digits);
            }
        }

        return builder.ToString();
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
