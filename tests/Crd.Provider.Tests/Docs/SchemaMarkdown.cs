using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.Tests.Docs;

/// <summary>
/// Renders a schema the way the Terraform registry documents one ("## Schema", Required /
/// Optional / Read-Only lists, one "Nested Schema" section per block), so that docs/ is generated
/// from the live schema and a test fails when they drift.
/// </summary>
internal static class SchemaMarkdown
{
    public static string Render(Block block)
    {
        var text = new StringBuilder("## Schema\n");
        RenderBlock(text, block, "");
        return text.ToString();
    }

    private static void RenderBlock(StringBuilder text, Block block, string prefix)
    {
        Group(text, "Required", block.Attributes.Where(a => a.Required), block.Blocks.Where(b => b.MinItems > 0), prefix);
        Group(text, "Optional", block.Attributes.Where(a => a.Optional), block.Blocks.Where(b => b.MinItems == 0), prefix);
        Group(text, "Read-Only", block.Attributes.Where(a => a.Computed && !a.Optional), [], prefix);
        foreach (var nested in block.Blocks)
        {
            var anchor = prefix + nested.TypeName;
            text.Append($"\n<a id=\"nestedblock--{anchor.Replace('.', '-')}\"></a>\n### Nested Schema for `{anchor}`\n");
            RenderBlock(text, nested.Block, anchor + ".");
        }
    }

    private static void Group(StringBuilder text, string title, IEnumerable<SchemaAttribute> attributes, IEnumerable<NestedBlock> blocks, string prefix)
    {
        var lines = attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(Line)
            .Concat(blocks.OrderBy(b => b.TypeName, StringComparer.Ordinal).Select(b =>
                $"- `{b.TypeName}` (Block {b.Nesting}{(b.MaxItems > 0 ? $", Max: {b.MaxItems}" : "")}) {b.Block.Description} (see [below for nested schema](#nestedblock--{(prefix + b.TypeName).Replace('.', '-')}))"))
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }

        text.Append($"\n### {title}\n\n");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }

    private static string Line(SchemaAttribute a)
    {
        var flags = new List<string> { TypeName(a.Type) };
        if (a.Sensitive)
        {
            flags.Add("Sensitive");
        }

        if (a.WriteOnly)
        {
            flags.Add("Write-only");
        }

        if (a.DeprecationMessage is { Length: > 0 })
        {
            flags.Add("Deprecated");
        }

        return $"- `{a.Name}` ({string.Join(", ", flags)}) {a.Description}".TrimEnd();
    }

    private static string TypeName(CtyType type) => type.Kind switch
    {
        CtyTypeKind.String => "String",
        CtyTypeKind.Number => "Number",
        CtyTypeKind.Bool => "Boolean",
        CtyTypeKind.List => $"List of {TypeName(type.ElementType)}",
        CtyTypeKind.Set => $"Set of {TypeName(type.ElementType)}",
        CtyTypeKind.Map => $"Map of {TypeName(type.ElementType)}",
        CtyTypeKind.Dynamic => "Dynamic",
        _ => "Object",
    };
}
