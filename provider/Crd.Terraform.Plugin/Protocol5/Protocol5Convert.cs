using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Protocol5.Wire;
using Crd.Terraform.Plugin.Server;
using Google.Protobuf;
using SchemaModel = Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Protocol5;

/// <summary>Conversions between the SDK's model and tfplugin5 messages.</summary>
internal static class Protocol5Convert
{
    public static WireValue In(DynamicValue? value)
        => value is null ? default : new WireValue(value.Msgpack.Memory, value.Json.Memory);

    public static DynamicValue Out(byte[] msgpack) => new() { Msgpack = UnsafeByteOperations.UnsafeWrap(msgpack) };

    public static IEnumerable<Wire.Diagnostic> Out(DiagnosticCollection diagnostics) => diagnostics.Select(Out);

    public static Wire.Diagnostic Out(Diagnostics.Diagnostic d)
    {
        var result = new Wire.Diagnostic
        {
            Severity = d.Severity == DiagnosticSeverity.Warning ? Wire.Diagnostic.Types.Severity.Warning : Wire.Diagnostic.Types.Severity.Error,
            Summary = d.Summary,
            Detail = d.Detail,
        };
        if (d.Attribute is { Steps.Count: > 0 } path)
        {
            result.Attribute = Out(path);
        }

        return result;
    }

    public static AttributePath Out(CtyPath path)
    {
        var result = new AttributePath();
        foreach (var step in path.Steps)
        {
            result.Steps.Add(step.Kind switch
            {
                CtyPathStepKind.AttributeName => new AttributePath.Types.Step { AttributeName = step.Name },
                CtyPathStepKind.ElementKeyString => new AttributePath.Types.Step { ElementKeyString = step.Name },
                _ => new AttributePath.Types.Step { ElementKeyInt = step.Index },
            });
        }

        return result;
    }

    public static Wire.Schema Out(SchemaModel.SchemaDefinition schema)
        => new() { Version = schema.Version, Block = Out(schema.Block) };

    private static Wire.Schema.Types.Block Out(SchemaModel.Block block)
    {
        var result = new Wire.Schema.Types.Block
        {
            Description = block.Description,
            DescriptionKind = StringKind.Markdown,
            Deprecated = !string.IsNullOrEmpty(block.DeprecationMessage),
            DeprecationMessage = block.DeprecationMessage ?? "",
        };
        foreach (var a in block.Attributes)
        {
            result.Attributes.Add(new Wire.Schema.Types.Attribute
            {
                Name = a.Name,
                Type = ByteString.CopyFromUtf8(a.Type.ToJson()),
                Description = a.Description,
                DescriptionKind = StringKind.Markdown,
                Required = a.Required,
                Optional = a.Optional,
                Computed = a.Computed,
                Sensitive = a.Sensitive,
                WriteOnly = a.WriteOnly,
                Deprecated = !string.IsNullOrEmpty(a.DeprecationMessage),
                DeprecationMessage = a.DeprecationMessage ?? "",
            });
        }

        foreach (var b in block.Blocks)
        {
            result.BlockTypes.Add(new Wire.Schema.Types.NestedBlock
            {
                TypeName = b.TypeName,
                Block = Out(b.Block),
                Nesting = (Wire.Schema.Types.NestedBlock.Types.NestingMode)(int)b.Nesting,
                MinItems = b.MinItems,
                MaxItems = b.MaxItems,
            });
        }

        return result;
    }
}
