using Crd.Provider.Configuration;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider;

/// <summary>
/// The <c>crd</c> provider: one provider block for the whole federation — every OpenStack site,
/// the Waldur portal and Onezone (DESIGN.md §6). Reads like docs/index.md: schema, validation,
/// configuration.
/// </summary>
internal sealed class CrdProvider : IProvider, IProviderWithValidateConfig
{
    public string TypeName => "crd";

    public SchemaDefinition Schema => ProviderSchema.Definition;

    public IReadOnlyList<IResource> Resources { get; } =
    [
        new Resources.Vm.VmResource(),
        new Resources.VolumeResource(),
        new Resources.Portal.ProjectResource(),
        new Resources.Portal.QuotaResource(),
        new Resources.K8s.K8sClusterResource(),
        new Resources.Onedata.OnedataSpaceResource(),
        new Resources.Network.SecurityGroupResource(),
        new Resources.Compute.KeyPairResource(),
    ];

    public IReadOnlyList<IDataSource> DataSources { get; } =
    [
        new DataSources.SitesDataSource(),
        new DataSources.ImagesDataSource(),
        new DataSources.FlavorsDataSource(),
        new DataSources.ProjectDataSource(),
        new DataSources.K8sTemplatesDataSource(),
        new DataSources.KubeconfigDataSource(),
        new DataSources.OnedataAccessTokenDataSource(),
    ];

    public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } =
    [
        new EphemeralResources.KubeconfigEphemeralResource(),
        new EphemeralResources.OnedataAccessTokenEphemeralResource(),
    ];

    public Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken)
    {
        ProviderConfigValidator.Validate(request.Config, response.Diagnostics);
        return Task.CompletedTask;
    }

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        var settings = ProviderSettings.Resolve(request.Config, EnvironmentVariables.Process, response.Diagnostics);
        if (settings is not null && !response.Diagnostics.HasErrors)
        {
            response.ProviderData = new ProviderContext(settings);
        }

        return Task.CompletedTask;
    }
}
