using System.Globalization;
using System.Text;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// Deduplication and canonical ordering of set elements, following go-cty (cty/set_internals.go
/// <c>setRules.Less</c>, cty/set/ops.go <c>Values</c>): elements are bucketed by the CRC-32 of
/// their "set hash text", buckets visited in ascending hash order, then stably sorted with
/// known before unknown before null; strings by code point, numbers ascending, false before
/// true, anything else by its hash text. Matching this order makes our encoding of a set
/// byte-identical to what go-cty (Terraform) writes.
/// </summary>
internal static class CtySetOrder
{
    private static readonly uint[] s_crcTable = BuildCrcTable();

    public static CtyValue[] Canonicalize(CtyType elementType, CtyValue[] items)
    {
        if (items.Length <= 1)
        {
            return items;
        }

        // Primitive elements order by value; their hash text only matters to break ties
        // between unknowns, whose hash text is always "?". Skip computing it for them.
        var needsHashText = !elementType.IsPrimitive;
        var entries = new List<Entry>(items.Length);
        var seen = new Dictionary<string, List<CtyValue>>(StringComparer.Ordinal);
        var seenPrimitives = new HashSet<CtyValue>();
        foreach (var item in items)
        {
            var hashText = needsHashText ? HashText(item) : string.Empty;
            if (item.IsWhollyKnown)
            {
                // go-cty keeps the first of equivalent values; values with unknowns are never
                // equivalent to anything (their Equals is unknown).
                if (!needsHashText)
                {
                    if (!seenPrimitives.Add(item))
                    {
                        continue;
                    }
                }
                else if (seen.TryGetValue(hashText, out var bucket))
                {
                    if (bucket.Exists(existing => existing.Equals(item)))
                    {
                        continue;
                    }

                    bucket.Add(item);
                }
                else
                {
                    seen.Add(hashText, [item]);
                }
            }

            entries.Add(new Entry(item, hashText, needsHashText ? Crc32(hashText) : 0, entries.Count));
        }

        entries.Sort((a, b) =>
        {
            var byRule = Compare(elementType, a, b);
            if (byRule != 0)
            {
                return byRule;
            }

            var byBucket = a.Crc.CompareTo(b.Crc);
            return byBucket != 0 ? byBucket : a.Index.CompareTo(b.Index);
        });
        return entries.ConvertAll(e => e.Value).ToArray();
    }

    private static int Compare(CtyType elementType, Entry a, Entry b)
    {
        var x = a.Value;
        var y = b.Value;
        if (x.IsNull || y.IsNull)
        {
            return x.IsNull == y.IsNull ? 0 : x.IsNull ? 1 : -1;
        }

        if (!x.IsKnown || !y.IsKnown)
        {
            return x.IsKnown == y.IsKnown ? 0 : x.IsKnown ? -1 : 1;
        }

        return elementType.Kind switch
        {
            CtyTypeKind.String => CtyStringOrder.CompareStrings(x.AsString(), y.AsString()),
            CtyTypeKind.Number => x.AsNumber().CompareTo(y.AsNumber()),
            CtyTypeKind.Bool => x.AsBool().CompareTo(y.AsBool()),
            _ => CtyStringOrder.CompareStrings(a.HashText, b.HashText),
        };
    }

    /// <summary>go-cty's <c>makeSetHashBytes</c> as text (its UTF-8 bytes are what Go hashes).</summary>
    internal static string HashText(CtyValue value)
    {
        var builder = new StringBuilder();
        AppendHashText(value, builder);
        return builder.ToString();
    }

    private static void AppendHashText(CtyValue value, StringBuilder builder)
    {
        if (!value.IsKnown)
        {
            builder.Append('?');
            return;
        }

        if (value.IsNull)
        {
            builder.Append('~');
            return;
        }

        switch (value.Type.Kind)
        {
            case CtyTypeKind.Number:
                builder.Append(FormatG10(value.AsNumber()));
                return;
            case CtyTypeKind.Bool:
                builder.Append(value.AsBool() ? 'T' : 'F');
                return;
            case CtyTypeKind.String:
                AppendGoQuoted(builder, value.AsString());
                return;
            case CtyTypeKind.Map:
                builder.Append('{');
                foreach (var (key, element) in value.MapEntries)
                {
                    AppendGoQuoted(builder, key);
                    builder.Append(':');
                    AppendHashText(element, builder);
                    builder.Append(';');
                }

                builder.Append('}');
                return;
            case CtyTypeKind.List:
            case CtyTypeKind.Set:
                builder.Append('[');
                foreach (var element in value.Elements)
                {
                    AppendHashText(element, builder);
                    builder.Append(';');
                }

                builder.Append(']');
                return;
            case CtyTypeKind.Object:
                builder.Append('<');
                foreach (var attribute in value.Attributes.Values)
                {
                    AppendHashText(attribute, builder);
                    builder.Append(';');
                }

                builder.Append('>');
                return;
            case CtyTypeKind.Tuple:
                builder.Append('<');
                foreach (var element in value.Elements)
                {
                    AppendHashText(element, builder);
                    builder.Append(';');
                }

                builder.Append('>');
                return;
        }
    }

    /// <summary>Go's <c>big.Float.String()</c>, i.e. <c>Text('g', 10)</c>.</summary>
    internal static string FormatG10(CtyNumber number)
    {
        if (number.IsInfinity)
        {
            return number.Sign > 0 ? "+Inf" : "-Inf";
        }

        if (number.Sign == 0)
        {
            return "0";
        }

        const int precision = 10;
        var digits = System.Numerics.BigInteger.Abs(number.Mantissa).ToString(CultureInfo.InvariantCulture);
        long dp = digits.Length + (long)number.Exponent; // value = 0.digits × 10^dp
        if (digits.Length > precision)
        {
            var roundUp = digits[precision] == '5' && digits.Length == precision + 1
                ? (digits[precision - 1] - '0') % 2 == 1
                : digits[precision] >= '5';
            var kept = digits[..precision].ToCharArray();
            if (roundUp)
            {
                var i = precision - 1;
                while (i >= 0 && kept[i] == '9')
                {
                    kept[i] = '0';
                    i--;
                }

                if (i >= 0)
                {
                    kept[i]++;
                }
                else
                {
                    kept = ['1', .. kept[..^1]];
                    dp++;
                }
            }

            digits = new string(kept).TrimEnd('0');
        }

        var builder = new StringBuilder();
        if (number.Sign < 0)
        {
            builder.Append('-');
        }

        var eprec = precision;
        if (eprec > digits.Length && digits.Length >= dp)
        {
            eprec = digits.Length;
        }

        var exp = dp - 1;
        if (exp < -4 || exp >= eprec)
        {
            var fractionDigits = Math.Min(precision, digits.Length) - 1;
            builder.Append(digits[0]);
            if (fractionDigits > 0)
            {
                builder.Append('.').Append(digits, 1, fractionDigits);
            }

            builder.Append('e').Append(exp < 0 ? '-' : '+');
            var absExp = Math.Abs(exp);
            if (absExp < 10)
            {
                builder.Append('0');
            }

            builder.Append(absExp.ToString(CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        var prec = precision > dp ? digits.Length : precision;
        var fraction = Math.Max(prec - dp, 0);
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                builder.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            builder.Append('0');
        }

        if (fraction > 0)
        {
            builder.Append('.');
            for (long i = 0; i < fraction; i++)
            {
                var index = dp + i;
                builder.Append(index >= 0 && index < digits.Length ? digits[(int)index] : '0');
            }
        }

        return builder.ToString();
    }

    /// <summary>Go's <c>strconv.Quote</c> (what <c>fmt.Sprintf("%q")</c> writes).</summary>
    internal static void AppendGoQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            int rune = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                rune = 0xFFFD;
            }

            switch (rune)
            {
                case '"':
                    builder.Append("\\\"");
                    continue;
                case '\\':
                    builder.Append("\\\\");
                    continue;
                case '\a':
                    builder.Append("\\a");
                    continue;
                case '\b':
                    builder.Append("\\b");
                    continue;
                case '\f':
                    builder.Append("\\f");
                    continue;
                case '\n':
                    builder.Append("\\n");
                    continue;
                case '\r':
                    builder.Append("\\r");
                    continue;
                case '\t':
                    builder.Append("\\t");
                    continue;
                case '\v':
                    builder.Append("\\v");
                    continue;
            }

            if (IsGoPrintable(rune))
            {
                builder.Append(char.ConvertFromUtf32(rune));
            }
            else if (rune < ' ' || rune == 0x7F)
            {
                builder.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune < 0x10000)
            {
                builder.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        builder.Append('"');
    }

    // Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
    // ASCII space.
    private static bool IsGoPrintable(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    private static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private readonly record struct Entry(CtyValue Value, string HashText, uint Crc, int Index);
}
