using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Schema.PlanModifiers;

/// <summary>
/// Changing the value forces Terraform to destroy and recreate the resource. Optionally only
/// when a condition holds (<see cref="If"/>) or only when the value is configured.
/// </summary>
public sealed class RequiresReplace : IPlanModifier
{
    private readonly Func<PlanModifierRequest, bool>? _condition;
    private readonly string _description;

    private RequiresReplace(Func<PlanModifierRequest, bool>? condition, string description)
    {
        _condition = condition;
        _description = description;
    }

    /// <summary>Any change forces replacement.</summary>
    public static RequiresReplace Always { get; } = new(null, "Changing this value forces a new resource to be created.");

    /// <summary>A change forces replacement only when the attribute is set in configuration.</summary>
    public static RequiresReplace IfConfigured { get; } = new(r => !r.ConfigValue.IsNull, "If configured, changing this value forces a new resource to be created.");

    /// <inheritdoc />
    public string Description => _description;

    /// <summary>A change forces replacement when <paramref name="condition"/> says so (e.g. a shrink, not a grow).</summary>
    public static RequiresReplace If(Func<PlanModifierRequest, bool> condition, string description) => new(condition, description);

    /// <inheritdoc />
    public void Modify(PlanModifierRequest request, PlanModifierResponse response)
    {
        // On create there is nothing to replace; an unchanged value needs nothing
        // (terraform-plugin-framework resource/schema/*planmodifier/requires_replace.go).
        if (request.IsCreate || request.PriorState.IsNull)
        {
            return;
        }

        if (request.PlanValue.IsKnown && request.PlanValue.EqualsIgnoringRefinements(request.StateValue))
        {
            return;
        }

        if (_condition is null || _condition(request))
        {
            response.RequiresReplace = true;
        }
    }

    /// <summary>Helper for conditions: both values known numbers and the new one smaller.</summary>
    public static bool IsDecrease(PlanModifierRequest request)
        => request.PlanValue is { IsKnown: true, IsNull: false } p && request.StateValue is { IsKnown: true, IsNull: false } s
           && p.Type.Kind == CtyTypeKind.Number && p.AsNumber().CompareTo(s.AsNumber()) < 0;
}
