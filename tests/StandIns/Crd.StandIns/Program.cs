using Crd.StandIns.Helm;
using Crd.StandIns.Kubernetes;
using Crd.Terraform.Plugin;

namespace Crd.StandIns;

/// <summary>
/// Serves the helm or the kubernetes stand-in depending on the file name this executable runs
/// as: Terraform finds each one in a filesystem mirror under its real source address, named
/// <c>terraform-provider-helm_v3.1.2</c> or <c>terraform-provider-kubernetes_v2.38.0</c>.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var name = Path.GetFileName(Environment.ProcessPath) ?? "";
        if (name.StartsWith("terraform-provider-helm", StringComparison.Ordinal))
        {
            return TerraformPlugin.ServeAsync(args, new HelmProvider(), "registry.terraform.io/hashicorp/helm");
        }

        if (name.StartsWith("terraform-provider-kubernetes", StringComparison.Ordinal))
        {
            return TerraformPlugin.ServeAsync(args, new KubernetesProvider(), "registry.terraform.io/hashicorp/kubernetes");
        }

        Console.Error.WriteLine(
            $"This is the test stand-in for hashicorp/helm and hashicorp/kubernetes, run as \"{name}\". " +
            "It serves one of them only when its file name starts with terraform-provider-helm or " +
            "terraform-provider-kubernetes: install it with tests/StandIns/install-mirror.sh MIRROR_DIR.");
        return Task.FromResult(1);
    }
}
