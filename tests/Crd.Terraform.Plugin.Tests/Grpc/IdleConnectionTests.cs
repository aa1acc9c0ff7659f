using Crd.Terraform.Plugin.Grpc.Health;
using Crd.Terraform.Plugin.Tests.Support;

namespace Crd.Terraform.Plugin.Tests.Grpc;

/// <summary>
/// Terraform keeps one connection per provider and may leave it idle for minutes between calls
/// (while other providers work). Regression: KeepAliveTimeout = TimeSpan.MaxValue overflowed in
/// Kestrel's heartbeat arithmetic and closed idle connections with GOAWAY(NO_ERROR) within a
/// second, which broke harness sessions at random.
/// </summary>
public sealed class IdleConnectionTests
{
    [Fact]
    public async Task Connection_IdleAcrossSeveralHeartbeats_StillServesCalls()
    {
        await using var plugin = await PluginTestLaunch.StartAsync();
        var request = new HealthCheckRequest { Service = "plugin" };

        var first = await plugin.CallUnaryAsync("/grpc.health.v1.Health/Check", request, HealthCheckResponse.Parser, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var second = await plugin.CallUnaryAsync("/grpc.health.v1.Health/Check", request, HealthCheckResponse.Parser, CancellationToken.None);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, first.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, second.Status);
    }
}
