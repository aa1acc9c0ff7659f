using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Provider;

/// <summary>
/// A Terraform provider: its configuration schema, what it offers, and how it configures itself.
/// Optional capabilities are separate interfaces (<see cref="IProviderWithValidateConfig"/>).
/// </summary>
public interface IProvider
{
    /// <summary>The provider's local name, e.g. <c>crd</c>; type names start with it and an underscore.</summary>
    string TypeName { get; }

    /// <summary>The provider configuration schema.</summary>
    SchemaDefinition Schema { get; }

    /// <summary>The managed resource types.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>The data sources.</summary>
    IReadOnlyList<IDataSource> DataSources { get; }

    /// <summary>The ephemeral resource types.</summary>
    IReadOnlyList<IEphemeralResource> EphemeralResources { get; }

    /// <summary>
    /// Called once per process with the provider block's configuration (values may be unknown
    /// during plan when they depend on resources). Sets
    /// <see cref="ProviderConfigureResponse.ProviderData"/>, handed to every
    /// <see cref="IResourceWithConfigure"/>.
    /// </summary>
    Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken);
}
