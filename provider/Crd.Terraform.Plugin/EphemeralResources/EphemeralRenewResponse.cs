using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>Output of <see cref="IEphemeralResourceWithRenew.RenewAsync"/>.</summary>
public sealed class EphemeralRenewResponse
{
    /// <summary>Creates a response whose private data starts as the request's.</summary>
    public EphemeralRenewResponse(PrivateState @private) => Private = @private;

    /// <summary>Private data for the next Renew and for Close; starts as the request's.</summary>
    public PrivateState Private { get; }

    /// <summary>When Terraform should renew again, if ever (null: no further renewal).</summary>
    public DateTimeOffset? RenewAt { get; set; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
