using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.EphemeralResources;
using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary>
/// A provider exercising every SDK feature, for the harness tests: all attribute and block
/// kinds, defaults, RequiresReplace, computed values, write-only and sensitive attributes,
/// import, a state upgrade from version 0, a data source, an ephemeral resource, and a
/// deliberately buggy resource proving the SDK's self-checks.
/// </summary>
internal sealed class SdktestProvider : IProvider
{
    public string TypeName => "sdktest";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Attributes =
        {
            new SchemaAttribute("prefix", CtyType.String) { Optional = true, Description = "Prefix added to echoed values." },
            new SchemaAttribute("api_key", CtyType.String) { Optional = true, Sensitive = true, Description = "Never logged." },
        },
    });

    public IReadOnlyList<IResource> Resources { get; } = [new ThingResource(), new BuggyResource()];

    public IReadOnlyList<IDataSource> DataSources { get; } = [new EchoDataSource()];

    public IReadOnlyList<IEphemeralResource> EphemeralResources { get; } = [new TokenEphemeralResource()];

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        if (request.Config.GetString("api_key") == "wrong")
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("api_key"), "Invalid API Key", "The api_key was refused.");
            return Task.CompletedTask;
        }

        response.ProviderData = new SdktestSettings(request.Config.GetString("prefix") ?? "", ObjectStore.FromEnvironment());
        return Task.CompletedTask;
    }
}
