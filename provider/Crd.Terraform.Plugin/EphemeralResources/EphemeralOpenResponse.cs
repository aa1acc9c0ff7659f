using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>Output of <see cref="IEphemeralResource.OpenAsync"/>.</summary>
public sealed class EphemeralOpenResponse
{
    /// <summary>Creates a response whose result starts as the configuration.</summary>
    public EphemeralOpenResponse(ResourceData result) => Result = result;

    /// <summary>The opened value; starts as the configuration.</summary>
    public ResourceData Result { get; }

    /// <summary>Private data handed back on Close.</summary>
    public PrivateState Private { get; } = new();

    /// <summary>When Terraform should renew the value, if ever.</summary>
    public DateTimeOffset? RenewAt { get; set; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
