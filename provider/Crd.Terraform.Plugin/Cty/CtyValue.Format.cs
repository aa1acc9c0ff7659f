using System.Globalization;
using System.Text;

namespace Crd.Terraform.Plugin.Cty;

public sealed partial class CtyValue
{
    private const int MaxFormatLength = 4096;

    /// <summary>
    /// A readable, HCL-like rendering for diagnostics and logs: <c>"text"</c>, <c>42</c>,
    /// <c>["a", "b"]</c>, <c>{ name = "vm", size = 2 }</c>, <c>null</c>, <c>(unknown)</c>.
    /// Long values are cut with an ellipsis.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Format(builder);
        return builder.Length > MaxFormatLength ? builder.ToString(0, MaxFormatLength) + "…" : builder.ToString();
    }

    internal static string QuoteString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value);
        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private void Format(StringBuilder builder)
    {
        if (builder.Length > MaxFormatLength)
        {
            return;
        }

        if (_state == ValueState.Null)
        {
            builder.Append("null");
            return;
        }

        if (_state == ValueState.Unknown)
        {
            builder.Append(Refinements is null ? "(unknown)" : $"(unknown, {Refinements})");
            return;
        }

        switch (_payload)
        {
            case string s:
                AppendQuoted(builder, s);
                break;
            case CtyNumber n:
                builder.Append(n.ToString());
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case CtyValue[] elements:
                builder.Append(Type.Kind == CtyTypeKind.Set ? "toset([" : "[");
                for (var i = 0; i < elements.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    elements[i].Format(builder);
                }

                builder.Append(Type.Kind == CtyTypeKind.Set ? "])" : "]");
                break;
            case CtyOrdinalMap<CtyValue> map:
                if (map.Count == 0)
                {
                    builder.Append("{}");
                    break;
                }

                builder.Append("{ ");
                var first = true;
                foreach (var (key, value) in map)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    if (Type.Kind == CtyTypeKind.Object && IsIdentifier(key))
                    {
                        builder.Append(key);
                    }
                    else
                    {
                        AppendQuoted(builder, key);
                    }

                    builder.Append(" = ");
                    value.Format(builder);
                }

                builder.Append(" }");
                break;
        }
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
