using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Validators;

/// <summary>Common validators for string attributes. Null and unknown values always pass.</summary>
public static class StringValidators
{
    /// <summary>The value must be one of <paramref name="allowed"/>.</summary>
    public static IAttributeValidator OneOf(params string[] allowed) => new Rule(
        $"must be one of: {string.Join(", ", allowed.Select(a => $"`{a}`"))}",
        s => allowed.Contains(s, StringComparer.Ordinal),
        s => $"\"{s}\" is not allowed here. Use one of: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}.");

    /// <summary>The value's length in characters must be within bounds.</summary>
    public static IAttributeValidator LengthBetween(int min, int max) => new Rule(
        $"length must be between {min} and {max}",
        s => s.Length >= min && s.Length <= max,
        s => $"The value has {s.Length} characters; it must have between {min} and {max}.");

    /// <summary>The value must match a regular expression.</summary>
    public static IAttributeValidator Matches(Regex pattern, string explanation) => new Rule(
        explanation,
        pattern.IsMatch,
        s => $"\"{s}\" is not valid: the value {explanation}.");

    /// <summary>The value must be an absolute http(s) URL.</summary>
    public static IAttributeValidator Url() => new Rule(
        "must be an absolute http:// or https:// URL",
        s => Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(u.Host),
        s => $"\"{s}\" is not an absolute http:// or https:// URL.");

    private sealed class Rule(string description, Func<string, bool> accept, Func<string, string> explain) : IAttributeValidator
    {
        public string Description => description;

        public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown || request.Value.Type.Kind != CtyTypeKind.String)
            {
                return;
            }

            var s = request.Value.AsString();
            if (!accept(s))
            {
                diagnostics.AddAttributeError(request.Path, "Invalid Attribute Value", explain(s));
            }
        }
    }
}
