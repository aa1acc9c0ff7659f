using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.DataSources;

/// <summary>The value must be a valid .NET regular expression (checked at validate time, with the path).</summary>
internal sealed class ValidRegex : IAttributeValidator
{
    /// <summary>How long a filter regex may run against one name before it is given up.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public string Description => "must be a valid regular expression";

    /// <summary>Compiles <paramref name="pattern"/> as filters use it: unanchored, case-sensitive, bounded.</summary>
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
    {
        if (request.Value.IsNull || !request.Value.IsKnown || request.Value.Type.Kind != CtyTypeKind.String)
        {
            return;
        }

        try
        {
            _ = Compile(request.Value.AsString());
        }
        catch (ArgumentException e)
        {
            diagnostics.AddAttributeError(request.Path, "Invalid Regular Expression", $"\"{request.Value.AsString()}\" is not a valid regular expression: {e.Message}");
        }
    }
}
