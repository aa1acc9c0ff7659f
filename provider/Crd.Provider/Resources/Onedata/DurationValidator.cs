using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.Resources.Onedata;

/// <summary>A Go-style duration (<c>90m</c>, <c>72h</c>) within bounds. Null and unknown values pass.</summary>
internal sealed class DurationValidator(TimeSpan min, TimeSpan max) : IAttributeValidator
{
    public static DurationValidator Between(TimeSpan min, TimeSpan max) => new(min, max);

    public string Description => $"must be a duration such as `90m` or `72h`, between {Format(min)} and {Format(max)}";

    public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
    {
        if (request.Value.IsNull || !request.Value.IsKnown || request.Value.Type.Kind != CtyTypeKind.String)
        {
            return;
        }

        var text = request.Value.AsString();
        if (!Timeouts.TryParse(text, out var value))
        {
            diagnostics.AddAttributeError(request.Path, "Invalid Duration", $"\"{text}\" is not a duration: write a number and a unit (h, m, s), e.g. \"90m\" or \"72h\".");
        }
        else if (value < min || value > max)
        {
            diagnostics.AddAttributeError(request.Path, "Duration Out Of Range", $"\"{text}\" must be between {Format(min)} and {Format(max)}.");
        }
    }

    public static string Format(TimeSpan t) => t.TotalHours >= 1 && t.Minutes == 0 && t.Seconds == 0 ? $"{(int)t.TotalHours}h" : $"{(int)t.TotalMinutes}m";
}
