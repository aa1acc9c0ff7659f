namespace Crd.Terraform.Plugin.Schema.PlanModifiers;

/// <summary>
/// Keeps the prior state's value instead of "known after apply" for a computed value that never
/// changes once set (an id, a creation time): the plan stays quiet on updates.
/// </summary>
public sealed class UseStateForUnknown : IPlanModifier
{
    /// <summary>The shared instance.</summary>
    public static UseStateForUnknown Instance { get; } = new();

    /// <inheritdoc />
    public string Description => "Once set, the value of this attribute in state will not change.";

    /// <inheritdoc />
    public void Modify(PlanModifierRequest request, PlanModifierResponse response)
    {
        // Same guards as terraform-plugin-framework's stringplanmodifier/use_state_for_unknown.go.
        if (request.StateValue.IsNull || request.PlanValue.IsKnown || !request.ConfigValue.IsKnown)
        {
            return;
        }

        response.PlanValue = request.StateValue;
    }
}
