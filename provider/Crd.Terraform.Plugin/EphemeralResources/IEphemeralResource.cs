using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.EphemeralResources;

/// <summary>
/// An ephemeral resource (Terraform >= 1.10): a value opened for one run and never stored in
/// plan or state, such as short-lived credentials.
/// </summary>
public interface IEphemeralResource
{
    /// <summary>The full type name.</summary>
    string TypeName { get; }

    /// <summary>The schema.</summary>
    SchemaDefinition Schema { get; }

    /// <summary>Opens the resource: fills <see cref="EphemeralOpenResponse.Result"/>.</summary>
    Task OpenAsync(EphemeralOpenRequest request, EphemeralOpenResponse response, CancellationToken cancellationToken);
}
