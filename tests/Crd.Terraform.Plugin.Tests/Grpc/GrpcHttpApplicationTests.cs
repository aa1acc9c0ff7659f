using Crd.Terraform.Plugin.Grpc;

namespace Crd.Terraform.Plugin.Tests.Grpc;

public sealed class GrpcHttpApplicationTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    public void PercentEncode_Message_EncodesPerGrpcSpec(string message, string expected) =>
        Assert.Equal(expected, GrpcHttpApplication.PercentEncode(message));

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsGrpcContentType_Value_Recognised(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcHttpApplication.IsGrpcContentType(contentType));

    [Fact]
    public void Registry_DuplicatePath_Throws()
    {
        var registry = new GrpcServiceRegistry();
        registry.AddUnary("/a.B/C", Crd.Terraform.Plugin.Grpc.Health.HealthCheckRequest.Parser, (r, _) => Task.FromResult(r));

        Assert.Throws<ArgumentException>(() =>
            registry.AddUnary("/a.B/C", Crd.Terraform.Plugin.Grpc.Health.HealthCheckRequest.Parser, (r, _) => Task.FromResult(r)));
    }
}
