namespace Crd.Terraform.Testing;

/// <summary>
/// The provider broke one of Terraform's rules; Terraform would stop with the same complaint
/// ("Provider produced invalid plan", "Provider produced inconsistent result after apply", ...).
/// </summary>
public sealed class TerraformRuleViolationException(string rule, string detail) : Exception($"Terraform rule violated ({rule}): {detail}")
{
    /// <summary>Short name of the rule.</summary>
    public string Rule { get; } = rule;
}
