using System.Text;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

// Types in go-cty's Go syntax (GoString of the type kinds in zclconf/go-cty v1.18.1 cty/*_type.go).
internal static partial class CtyGoSyntax
{
    public static string Type(CtyType type)
    {
        var builder = new StringBuilder();
        AppendType(builder, type);
        return builder.ToString();
    }

    private static void AppendType(StringBuilder builder, CtyType type)
    {
        switch (type.Kind)
        {
            case CtyTypeKind.String:
                builder.Append("cty.String");
                return;
            case CtyTypeKind.Number:
                builder.Append("cty.Number");
                return;
            case CtyTypeKind.Bool:
                builder.Append("cty.Bool");
                return;
            case CtyTypeKind.Dynamic:
                builder.Append("cty.DynamicPseudoType");
                return;
            case CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map:
                builder.Append("cty.").Append(type.Kind.ToString()).Append('(');
                AppendType(builder, type.ElementType);
                builder.Append(')');
                return;
            case CtyTypeKind.Tuple:
                if (type.ElementTypes.Count == 0)
                {
                    builder.Append("cty.EmptyTuple");
                    return;
                }

                builder.Append("cty.Tuple([]cty.Type{");
                for (var i = 0; i < type.ElementTypes.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendType(builder, type.ElementTypes[i]);
                }

                builder.Append("})");
                return;
            case CtyTypeKind.Object:
                if (type.AttributeTypes.Count == 0)
                {
                    builder.Append("cty.EmptyObject");
                    return;
                }

                var optional = type.OptionalAttributes;
                builder.Append(optional.Count > 0 ? "cty.ObjectWithOptionalAttrs(" : "cty.Object(");
                builder.Append("map[string]cty.Type{");
                var first = true;
                foreach (var name in type.AttributeTypes.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(Quote(name)).Append(':');
                    AppendType(builder, type.AttributeTypes[name]);
                }

                builder.Append('}');
                if (optional.Count > 0)
                {
                    builder.Append(", []string{")
                        .Append(string.Join(", ", optional.Order(StringComparer.Ordinal).Select(Quote)))
                        .Append('}');
                }

                builder.Append(')');
                return;
        }
    }
}
