using Crd.StandIns.Credentials;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.StandIns.Kubernetes;

/// <summary>
/// Stand-in for <c>registry.terraform.io/hashicorp/kubernetes</c> 2.38.0: the real provider
/// schema, <c>kubernetes_namespace_v1</c> and <c>kubernetes_secret_v1</c>, recorded instead of created.
/// </summary>
internal sealed class KubernetesProvider : IProvider
{
    public string TypeName => "kubernetes";

    public SchemaDefinition Schema => KubernetesProviderSchema.Current;

    public IReadOnlyList<IResource> Resources { get; } = [new NamespaceResource(), new SecretResource()];

    public IReadOnlyList<IDataSource> DataSources { get; } = [];

    public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } = [];

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        ClusterCredentials? cluster = null;
        if (request.Config.Value.IsWhollyKnown)
        {
            cluster = ClusterCredentials.Check(request.Config.Value, CtyPath.Root, response.Diagnostics);
            if (cluster is null)
            {
                return Task.CompletedTask;
            }
        }

        response.ProviderData = new StandInSettings(RecordStore.FromEnvironment(), cluster);
        return Task.CompletedTask;
    }
}
