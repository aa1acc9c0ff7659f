using Crd.Terraform.Plugin.Grpc;
using Crd.Terraform.Plugin.Grpc.Controller;
using Crd.Terraform.Plugin.Grpc.Health;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// The go-plugin services every plugin serves besides the provider itself (protocol.md §1.8).
/// GRPCStdio and GRPCBroker stay unregistered: go-plugin's client tolerates UNIMPLEMENTED.
/// </summary>
internal static class AuxiliaryServices
{
    public const string ShutdownPath = "/plugin.GRPCController/Shutdown";
    public const string HealthCheckPath = "/grpc.health.v1.Health/Check";

    /// <summary>go-plugin registers its health status under this service name.</summary>
    private const string PluginServiceName = "plugin";

    private static readonly Task<Empty> s_empty = Task.FromResult(new Empty());

    public static void Register(GrpcServiceRegistry registry, PluginLifetime lifetime)
    {
        registry.AddUnary(ShutdownPath, Empty.Parser, (_, _) =>
        {
            // Reply first: the stop drains in-flight calls, including this one, before exiting.
            lifetime.RequestStop("GRPCController.Shutdown");
            return s_empty;
        });
        registry.AddUnary(HealthCheckPath, HealthCheckRequest.Parser, (request, _) =>
            request.Service is "" or PluginServiceName
                ? Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving })
                // grpc-go's health server answers NOT_FOUND for unknown services.
                : throw new GrpcStatusException(GrpcStatusCodes.NotFound, "unknown service"));
    }
}
