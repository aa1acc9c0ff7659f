using Crd.Terraform.Plugin;

namespace Crd.Provider;

internal static class Program
{
    /// <summary>The provider's registry address (source <c>crd-cloud/crd</c>).</summary>
    public const string Address = "registry.terraform.io/crd-cloud/crd";

    private static Task<int> Main(string[] args) => TerraformPlugin.ServeAsync(args, new CrdProvider(), Address);
}
