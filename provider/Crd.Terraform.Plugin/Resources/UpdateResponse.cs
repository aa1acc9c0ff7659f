using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResource.UpdateAsync"/>.</summary>
public sealed class UpdateResponse
{
    /// <summary>Creates a response whose state starts as the plan.</summary>
    public UpdateResponse(ResourceData state, PrivateState @private)
    {
        State = state;
        Private = @private;
    }

    /// <summary>The new state; starts as the plan.</summary>
    public ResourceData State { get; }

    /// <summary>Private data to store with the state.</summary>
    public PrivateState Private { get; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
