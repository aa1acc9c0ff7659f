using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResource.CreateAsync"/>.</summary>
public sealed class CreateResponse
{
    /// <summary>Creates a response whose state starts as the plan.</summary>
    public CreateResponse(ResourceData state, PrivateState @private)
    {
        State = state;
        Private = @private;
    }

    /// <summary>The new state; starts as the plan. With errors, it is returned only if the method changed it.</summary>
    public ResourceData State { get; }

    /// <summary>Private data to store with the state.</summary>
    public PrivateState Private { get; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
