using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Testing;

/// <summary>What a plan does to one resource instance.</summary>
public enum ChangeAction
{
    /// <summary>Nothing changes.</summary>
    NoOp,

    /// <summary>Create a new object.</summary>
    Create,

    /// <summary>Update in place.</summary>
    Update,

    /// <summary>Destroy, then create (requires_replace or tainted).</summary>
    Replace,

    /// <summary>Destroy.</summary>
    Delete,

    /// <summary>Read a data source (at apply time, when its config was unknown at plan).</summary>
    Read,
}

/// <summary>One planned change.</summary>
/// <param name="Address">Instance address.</param>
/// <param name="Type">Resource type.</param>
/// <param name="Action">What happens.</param>
/// <param name="Prior">Refreshed prior state (null value for creates).</param>
/// <param name="Planned">Planned new state (null value for deletes).</param>
/// <param name="PlannedPrivate">Private data from the plan.</param>
/// <param name="RequiresReplace">Paths the provider said force replacement.</param>
public sealed record PlannedChange(string Address, string Type, ChangeAction Action, CtyValue Prior, CtyValue Planned, byte[] PlannedPrivate, IReadOnlyList<CtyPath> RequiresReplace);
