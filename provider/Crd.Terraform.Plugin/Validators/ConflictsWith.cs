using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Validators;

/// <summary>The attribute may not be set together with the named sibling attributes.</summary>
public sealed class ConflictsWith(params string[] siblings) : IAttributeValidator
{
    /// <inheritdoc />
    public string Description => $"conflicts with {string.Join(", ", siblings.Select(s => $"`{s}`"))}";

    /// <inheritdoc />
    public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
    {
        if (request.Value.IsNull || request.Path.Parent is not { } parentPath)
        {
            return;
        }

        var parent = request.Config.Traverse(parentPath);
        if (parent is null || parent.IsNull || !parent.IsKnown || parent.Type.Kind != CtyTypeKind.Object)
        {
            return;
        }

        foreach (var sibling in siblings)
        {
            if (parent.Type.AttributeTypes.ContainsKey(sibling) && !parent.GetAttribute(sibling).IsNull)
            {
                var name = request.Path.Steps[^1].Name;
                diagnostics.AddAttributeError(request.Path, "Conflicting Attributes", $"\"{name}\" cannot be set together with \"{sibling}\". Remove one of them.");
            }
        }
    }
}
