using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>Output of a <see cref="StateUpgrader"/>.</summary>
public sealed class UpgradeStateResponse
{
    /// <summary>Creates a response whose state is an object of the current schema with every attribute null.</summary>
    public UpgradeStateResponse(ResourceData state) => State = state;

    /// <summary>The upgraded state, under the current schema.</summary>
    public ResourceData State { get; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
