namespace Crd.Terraform.Plugin.TestProvider;

internal static class Program
{
    private static int Main() => 1;
}
