using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Protocol6.Wire;
using SchemaModel = Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>Turns the schema a provider advertised over tfplugin6 into the SDK's model, as Terraform's configschema.</summary>
internal static class WireSchema6
{
    public static SchemaModel.SchemaDefinition ToModel(Schema schema) => new(schema.Version, ToModel(schema.Block));

    private static SchemaModel.Block ToModel(Schema.Types.Block block)
    {
        var result = new SchemaModel.Block { Description = block.Description, DeprecationMessage = block.Deprecated ? block.DeprecationMessage : null };
        foreach (var a in block.Attributes)
        {
            if (a.NestedType is not null)
            {
                throw new NotSupportedException($"Nested attribute types are not used by this project (attribute {a.Name}).");
            }

            result.Attributes.Add(new SchemaModel.SchemaAttribute(a.Name, CtyType.FromJson(a.Type.Span))
            {
                Required = a.Required,
                Optional = a.Optional,
                Computed = a.Computed,
                Sensitive = a.Sensitive,
                WriteOnly = a.WriteOnly,
                Description = a.Description,
                DeprecationMessage = a.Deprecated ? a.DeprecationMessage : null,
            });
        }

        foreach (var b in block.BlockTypes)
        {
            result.Blocks.Add(new SchemaModel.NestedBlock(b.TypeName, (SchemaModel.NestingMode)(int)b.Nesting, ToModel(b.Block))
            {
                MinItems = (int)b.MinItems,
                MaxItems = (int)b.MaxItems,
            });
        }

        return result;
    }
}
