using Crd.StandIns.Credentials;
using Crd.StandIns.Recording;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.StandIns.Helm;

/// <summary>
/// Stand-in for <c>registry.terraform.io/hashicorp/helm</c> 3.1.2: the real provider schema,
/// <c>helm_release</c>, and a recording of every release instead of a cluster.
/// </summary>
internal sealed class HelmProvider : IProvider
{
    public string TypeName => "helm";

    public SchemaDefinition Schema => HelmProviderSchema.Current;

    public IReadOnlyList<IResource> Resources { get; } = [new HelmReleaseResource()];

    public IReadOnlyList<IDataSource> DataSources { get; } = [];

    public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } = [];

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        var kubernetes = request.Config.Get("kubernetes");
        ClusterCredentials? cluster = null;
        if (kubernetes.IsWhollyKnown)
        {
            cluster = kubernetes.IsNull
                ? new ClusterCredentials(null, false)
                : ClusterCredentials.Check(kubernetes, CtyPath.Root.Attribute("kubernetes"), response.Diagnostics);
            if (cluster is null)
            {
                return Task.CompletedTask;
            }
        }

        response.ProviderData = new StandInSettings(RecordStore.FromEnvironment(), cluster);
        return Task.CompletedTask;
    }
}
