using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary><c>sdktest_echo</c>: returns its input upper-cased, after the provider's prefix.</summary>
internal sealed class EchoDataSource : IDataSource, IResourceWithConfigure
{
    private string _prefix = "";

    public string TypeName => "sdktest_echo";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Attributes =
        {
            new Attr("input", CtyType.String) { Required = true },
            new Attr("output", CtyType.String) { Computed = true },
        },
    });

    public void Configure(object? providerData) => _prefix = (providerData as SdktestSettings)?.Prefix ?? "";

    public Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        response.State.SetString("output", _prefix + request.Config.GetString("input")?.ToUpperInvariant());
        return Task.CompletedTask;
    }
}
