using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResource.ReadAsync"/>.</summary>
public sealed class ReadResponse
{
    /// <summary>Creates a response whose state starts as the current state.</summary>
    public ReadResponse(ResourceData state, PrivateState @private)
    {
        State = state;
        Private = @private;
    }

    /// <summary>The refreshed state; starts as the current state.</summary>
    public ResourceData State { get; }

    /// <summary>Private data to store with the state.</summary>
    public PrivateState Private { get; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();

    /// <summary>True after <see cref="RemoveResource"/>.</summary>
    public bool Removed { get; private set; }

    /// <summary>Tells Terraform the remote object is gone, so it plans to create it again.</summary>
    public void RemoveResource() => Removed = true;
}
