using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// Schema-driven checks of a configuration: attribute and block validators, deprecation
/// warnings and write-only support. Terraform itself checks required/optional and block counts
/// while decoding HCL; validators run here on every element of nested blocks, with paths.
/// </summary>
internal static class ConfigValidation
{
    public static void Validate(Block block, CtyValue config, bool writeOnlyAllowed, DiagnosticCollection diagnostics)
        => ValidateObject(block, config, config, CtyPath.Root, writeOnlyAllowed, diagnostics);

    private static void ValidateObject(Block block, CtyValue value, CtyValue root, CtyPath path, bool writeOnlyAllowed, DiagnosticCollection diagnostics)
    {
        if (value.IsNull || !value.IsKnown)
        {
            return;
        }

        foreach (var attribute in block.Attributes)
        {
            var at = path.Attribute(attribute.Name);
            var v = value.GetAttribute(attribute.Name);
            if (!v.IsNull && attribute.DeprecationMessage is { Length: > 0 } message)
            {
                diagnostics.AddAttributeWarning(at, "Attribute Deprecated", message);
            }

            if (!v.IsNull && attribute.WriteOnly && !writeOnlyAllowed)
            {
                diagnostics.AddAttributeError(at, "Write-Only Attribute Not Allowed", $"\"{attribute.Name}\" is write-only, which needs Terraform 1.11 or later. Upgrade Terraform, or use the attribute's non-write-only alternative.");
            }

            RunValidators(attribute.Validators, at, v, root, diagnostics);
        }

        foreach (var nested in block.Blocks)
        {
            var at = path.Attribute(nested.TypeName);
            var v = value.GetAttribute(nested.TypeName);
            if (!v.IsNull && nested.Block.DeprecationMessage is { Length: > 0 } message)
            {
                diagnostics.AddAttributeWarning(at, "Block Deprecated", message);
            }

            RunValidators(nested.Validators, at, v, root, diagnostics);
            if (v.IsNull || !v.IsKnown)
            {
                continue;
            }

            switch (nested.Nesting)
            {
                case NestingMode.Single or NestingMode.Group:
                    ValidateObject(nested.Block, v, root, at, writeOnlyAllowed, diagnostics);
                    break;
                case NestingMode.Map when v.Type.Kind == CtyTypeKind.Map:
                    foreach (var (key, element) in v.MapEntries)
                    {
                        ValidateObject(nested.Block, element, root, at.Key(key), writeOnlyAllowed, diagnostics);
                    }

                    break;
                case NestingMode.List or NestingMode.Set when v.Type.Kind is CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Tuple:
                    // Set elements have no index in Terraform's paths; the block path is the closest.
                    var i = 0;
                    foreach (var element in v.Elements)
                    {
                        ValidateObject(nested.Block, element, root, nested.Nesting == NestingMode.List ? at.Index(i) : at, writeOnlyAllowed, diagnostics);
                        i++;
                    }

                    break;
            }
        }
    }

    private static void RunValidators(IReadOnlyList<IAttributeValidator> validators, CtyPath path, CtyValue value, CtyValue root, DiagnosticCollection diagnostics)
    {
        if (validators.Count == 0)
        {
            return;
        }

        var request = new ValidationRequest(path, value, root);
        foreach (var validator in validators)
        {
            validator.Validate(request, diagnostics);
        }
    }
}
