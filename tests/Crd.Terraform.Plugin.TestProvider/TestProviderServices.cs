using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.TestProvider.Echo;

namespace Crd.Terraform.Plugin.TestProvider;

/// <summary>Everything the test provider serves; the provider protocol services join here.</summary>
internal static class TestProviderServices
{
    public static void Register(GrpcServiceRegistry registry)
    {
        EchoService.Register(registry);
    }
}
