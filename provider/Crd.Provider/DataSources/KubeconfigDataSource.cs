using Crd.Provider.EphemeralResources;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_k8s_kubeconfig</c> data source, for Terraform older than 1.10: the same credentials as
/// the ephemeral resource, but a data source's values are written to the state, client key
/// included (docs/data-sources/k8s_kubeconfig.md says so plainly). Each read issues a new
/// client certificate.
/// </summary>
internal sealed class KubeconfigDataSource : IDataSource, IResourceWithConfigure
{
    private ProviderContext? _context;

    public string TypeName => "crd_k8s_kubeconfig";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Admin credentials and a kubeconfig for a `crd_k8s_cluster`, for Terraform older than 1.10. "
            + "**The client key and the kubeconfig end up in the Terraform state** (sensitive only hides them from plan output): on Terraform >= 1.10 use the `crd_k8s_kubeconfig` ephemeral resource instead, which stores nothing. "
            + "Each read issues a new client certificate.",
        Attributes = KubeconfigIssuer.Attributes(inState: true),
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
        => KubeconfigIssuer.IssueAsync(_context, request.Config, response.State, response.Diagnostics, cancellationToken);
}
