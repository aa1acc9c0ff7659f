namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>
/// An ephemeral resource whose value must be kept alive (a lease, a token) while Terraform uses it.
/// Terraform calls RenewEphemeralResource at the <c>renew_at</c> time that Open (or the previous
/// Renew) returned, with the private data they returned; the value itself cannot change
/// (tfplugin6.proto <c>RenewEphemeralResource</c>).
/// </summary>
public interface IEphemeralResourceWithRenew
{
    /// <summary>Extends the value's lifetime; sets the next renewal time, or leaves it null for none.</summary>
    Task RenewAsync(EphemeralRenewRequest request, EphemeralRenewResponse response, CancellationToken cancellationToken);
}
