using System.Globalization;
using System.Numerics;
using System.Text;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Renders cty values, types and paths in go-cty's Go syntax (<c>GoString</c>, what Terraform's
/// <c>%#v</c> prints): <c>cty.StringVal("a")</c>, <c>cty.NumberIntVal(2)</c>,
/// <c>cty.ListVal([]cty.Value{...})</c>, <c>cty.UnknownVal(cty.String).RefineNotNull()</c>.
/// Terraform quotes provider-bug messages in this syntax (compatible.go: "we expect the user to
/// pass this message on verbatim to the provider development team"), so ours do too.
/// </summary>
/// <remarks>Facts from zclconf/go-cty v1.18.1 cty/value_ops.go GoString and unknown_refinement.go.</remarks>
internal static partial class CtyGoSyntax
{
    // Values are rendered in full as Terraform does, but a runaway value must not make a
    // diagnostic megabytes long.
    private const int MaxLength = 8192;

    public static string Value(CtyValue value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) + "..." : builder.ToString();
    }

    /// <summary>A path as go-cty's <c>%#v</c> of <c>cty.Path</c>.</summary>
    public static string Path(CtyPath path)
    {
        var builder = new StringBuilder("cty.Path{");
        var first = true;
        foreach (var step in path.Steps)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            switch (step.Kind)
            {
                case CtyPathStepKind.AttributeName:
                    builder.Append("cty.GetAttrStep{Name:").Append(Quote(step.Name ?? "")).Append('}');
                    break;
                case CtyPathStepKind.ElementKeyString:
                    builder.Append("cty.IndexStep{Key:cty.StringVal(").Append(Quote(step.Name ?? "")).Append(")}");
                    break;
                case CtyPathStepKind.ElementKeyInt:
                    builder.Append("cty.IndexStep{Key:cty.NumberIntVal(")
                        .Append(GoNumber(CtyNumber.FromInt64(step.Index))).Append(")}");
                    break;
            }
        }

        return builder.Append('}').ToString();
    }

    /// <summary>A Go double-quoted string literal, as <c>strconv.Quote</c> writes it.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    var category = Rune.GetUnicodeCategory(rune);
                    if (category is UnicodeCategory.Control or UnicodeCategory.Format
                        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                    {
                        builder.Append(rune.Value < 0x80
                            ? $"\\x{rune.Value:x2}"
                            : rune.Value <= 0xFFFF ? $"\\u{rune.Value:x4}" : $"\\U{rune.Value:x8}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A number as Go's shortest <c>%g</c> (what <c>%#v</c> of a <c>*big.Float</c> prints):
    /// plain digits when the decimal exponent is in [-4, 6), else <c>1.5e+06</c> form.
    /// </summary>
    public static string GoNumber(CtyNumber number)
    {
        if (number.IsInfinity)
        {
            return number.Sign > 0 ? "+Inf" : "-Inf";
        }

        if (number.Sign == 0)
        {
            return "0";
        }

        var digits = BigInteger.Abs(number.Mantissa).ToString(CultureInfo.InvariantCulture);
        var decimalPoint = digits.Length + number.Exponent;
        var exponent = decimalPoint - 1;
        var builder = new StringBuilder();
        if (number.Sign < 0)
        {
            builder.Append('-');
        }

        if (exponent < -4 || exponent >= 6)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            builder.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else if (decimalPoint >= digits.Length)
        {
            builder.Append(digits).Append('0', decimalPoint - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }

        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, CtyValue value)
    {
        if (builder.Length > MaxLength)
        {
            return;
        }

        if (value.IsNull)
        {
            builder.Append("cty.NullVal(");
            AppendType(builder, value.Type);
            builder.Append(')');
            return;
        }

        if (!value.IsKnown)
        {
            if (value.Type.IsDynamic)
            {
                builder.Append("cty.DynamicVal");
                return;
            }

            builder.Append("cty.UnknownVal(");
            AppendType(builder, value.Type);
            builder.Append(')');
            AppendRefinements(builder, value.Type, value.Refinements);
            return;
        }

        var type = value.Type;
        switch (type.Kind)
        {
            case CtyTypeKind.Bool:
                builder.Append(value.AsBool() ? "cty.True" : "cty.False");
                return;
            case CtyTypeKind.String:
                builder.Append("cty.StringVal(").Append(Quote(value.AsString())).Append(')');
                return;
            case CtyTypeKind.Number:
                AppendNumberValue(builder, value.AsNumber());
                return;
            case CtyTypeKind.Set or CtyTypeKind.List:
                var name = type.Kind == CtyTypeKind.Set ? "Set" : "List";
                if (value.Length == 0)
                {
                    builder.Append("cty.").Append(name).Append("ValEmpty(");
                    AppendType(builder, type.ElementType);
                    builder.Append(')');
                    return;
                }

                builder.Append("cty.").Append(name).Append("Val(");
                AppendValueSlice(builder, value.Elements);
                builder.Append(')');
                return;
            case CtyTypeKind.Tuple:
                if (value.Length == 0)
                {
                    builder.Append("cty.EmptyTupleVal");
                    return;
                }

                builder.Append("cty.TupleVal(");
                AppendValueSlice(builder, value.Elements);
                builder.Append(')');
                return;
            case CtyTypeKind.Map:
                if (value.Length == 0)
                {
                    builder.Append("cty.MapValEmpty(");
                    AppendType(builder, type.ElementType);
                    builder.Append(')');
                    return;
                }

                builder.Append("cty.MapVal(");
                AppendValueMap(builder, value.MapEntries);
                builder.Append(')');
                return;
            case CtyTypeKind.Object:
                if (value.Attributes.Count == 0)
                {
                    builder.Append("cty.EmptyObjectVal");
                    return;
                }

                builder.Append("cty.ObjectVal(");
                AppendValueMap(builder, value.Attributes);
                builder.Append(')');
                return;
            default:
                builder.Append(value);
                return;
        }
    }

    private static void AppendNumberValue(StringBuilder builder, CtyNumber number)
    {
        // go-cty prefers NumberIntVal, then NumberFloatVal when a float64 holds the value
        // exactly, else the fully general MustParseNumberVal.
        if (number.IsInteger || number.Sign == 0)
        {
            builder.Append("cty.NumberIntVal(").Append(GoNumber(number)).Append(')');
        }
        else if (number.TryGetExactDouble(out var exact))
        {
            builder.Append("cty.NumberFloatVal(").Append(GoNumber(CtyNumber.FromDoubleShortest(exact))).Append(')');
        }
        else
        {
            builder.Append("cty.MustParseNumberVal(").Append(Quote(number.ToString())).Append(')');
        }
    }

    private static void AppendValueSlice(StringBuilder builder, IReadOnlyList<CtyValue> values)
    {
        builder.Append("[]cty.Value{");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            AppendValue(builder, values[i]);
        }

        builder.Append('}');
    }

    private static void AppendValueMap(StringBuilder builder, IReadOnlyDictionary<string, CtyValue> values)
    {
        // Go's fmt prints map keys sorted; ours are already in code-point (= UTF-8 byte) order.
        builder.Append("map[string]cty.Value{");
        var first = true;
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(Quote(key)).Append(':');
            AppendValue(builder, values[key]);
        }

        builder.Append('}');
    }

    private static void AppendRefinements(StringBuilder builder, CtyType type, CtyRefinements? refinements)
    {
        if (refinements is null || refinements.IsEmpty)
        {
            return;
        }

        var calls = new StringBuilder();
        if (refinements.IsNull == false)
        {
            calls.Append(".NotNull()");
        }

        if (type.Kind == CtyTypeKind.String && !string.IsNullOrEmpty(refinements.StringPrefix))
        {
            calls.Append(".StringPrefixFull(").Append(Quote(refinements.StringPrefix)).Append(')');
        }

        if (type.Kind == CtyTypeKind.Number)
        {
            if (refinements.NumberLowerBound is { } lower && !lower.Value.IsInfinity)
            {
                calls.Append(".NumberLowerBound(");
                AppendNumberValue(calls, lower.Value);
                calls.Append(", ").Append(lower.Inclusive ? "true" : "false").Append(')');
            }

            if (refinements.NumberUpperBound is { } upper && !upper.Value.IsInfinity)
            {
                calls.Append(".NumberUpperBound(");
                AppendNumberValue(calls, upper.Value);
                calls.Append(", ").Append(upper.Inclusive ? "true" : "false").Append(')');
            }
        }

        if (type.IsCollection)
        {
            if (refinements.LengthLowerBound is { } minLength && minLength != 0)
            {
                calls.Append(".CollectionLengthLowerBound(").Append(minLength.ToString(CultureInfo.InvariantCulture)).Append(')');
            }

            if (refinements.LengthUpperBound is { } maxLength)
            {
                calls.Append(".CollectionLengthUpperBound(").Append(maxLength.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }

        var text = calls.ToString();
        if (text.Length == 0)
        {
            return;
        }

        builder.Append(text == ".NotNull()" ? ".RefineNotNull()" : $".Refine(){text}.NewValue()");
    }
}
