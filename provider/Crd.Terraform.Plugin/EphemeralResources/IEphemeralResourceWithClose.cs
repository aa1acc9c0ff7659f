namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>An ephemeral resource that must release something when Terraform is done with it.</summary>
public interface IEphemeralResourceWithClose
{
    /// <summary>Called once Terraform no longer needs the value, with the private data from Open.</summary>
    Task CloseAsync(EphemeralCloseRequest request, Diagnostics.DiagnosticCollection diagnostics, CancellationToken cancellationToken);
}
