using Crd.Terraform.Plugin.Hosting;

namespace Crd.Terraform.Plugin.TestProvider;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        PluginHost.RunAsync(args, new PluginServeOptions
        {
            ProviderAddress = "registry.terraform.io/crd-cloud/sdktest",
            RegisterServices = TestProviderServices.Register,
        });
}
