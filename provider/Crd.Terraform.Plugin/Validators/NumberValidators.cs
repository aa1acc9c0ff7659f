using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Validators;

/// <summary>Common validators for number attributes. Null and unknown values always pass.</summary>
public static class NumberValidators
{
    /// <summary>The value must be a whole number within bounds (inclusive).</summary>
    public static IAttributeValidator IntegerBetween(long min, long max) => new Between(min, max);

    private sealed class Between(long min, long max) : IAttributeValidator
    {
        public string Description => $"must be a whole number between {min} and {max}";

        public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown || request.Value.Type.Kind != CtyTypeKind.Number)
            {
                return;
            }

            var n = request.Value.AsNumber();
            if (!n.TryGetInt64(out var i) || i < min || i > max)
            {
                diagnostics.AddAttributeError(request.Path, "Invalid Attribute Value", $"{n} is not allowed here: the value {Description}.");
            }
        }
    }
}
