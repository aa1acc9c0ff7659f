namespace Crd.Terraform.Plugin.Validators;

/// <summary>
/// Checks one configured value during Validate*Config. Called for null and unknown values too:
/// a validator must accept both (unknowns are checked again at apply-time plan).
/// </summary>
public interface IAttributeValidator
{
    /// <summary>Markdown description of the rule, for docs ("must be one of `a`, `b`").</summary>
    string Description { get; }

    /// <summary>Validates <see cref="ValidationRequest.Value"/>, adding diagnostics with its path.</summary>
    void Validate(ValidationRequest request, Diagnostics.DiagnosticCollection diagnostics);
}
