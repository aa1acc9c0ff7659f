using Crd.Terraform.Plugin.TestProvider.Sdktest;

namespace Crd.Terraform.Plugin.TestProvider;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        TerraformPlugin.ServeAsync(args, new SdktestProvider(), "registry.terraform.io/crd-cloud/sdktest", TestProviderServices.Register);
}
