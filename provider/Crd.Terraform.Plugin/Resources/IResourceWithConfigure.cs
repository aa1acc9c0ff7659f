namespace Crd.Terraform.Plugin.Resources;

/// <summary>A resource that needs what the provider's ConfigureAsync produced (API clients).</summary>
public interface IResourceWithConfigure
{
    /// <summary>
    /// Called after ConfigureProvider succeeded, before any CRUD call, with
    /// <see cref="Provider.ProviderConfigureResponse.ProviderData"/>.
    /// </summary>
    void Configure(object? providerData);
}
