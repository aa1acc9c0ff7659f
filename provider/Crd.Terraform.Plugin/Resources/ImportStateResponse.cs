using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of <see cref="IResourceWithImportState.ImportStateAsync"/>.</summary>
public sealed class ImportStateResponse
{
    /// <summary>Creates a response whose state is an object with every attribute null.</summary>
    public ImportStateResponse(ResourceData state, PrivateState @private)
    {
        State = state;
        Private = @private;
    }

    /// <summary>The imported state: set at least what ReadAsync needs to find the object.</summary>
    public ResourceData State { get; }

    /// <summary>Private data to store with the state.</summary>
    public PrivateState Private { get; }

    /// <summary>Problems met (e.g. a malformed id).</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
