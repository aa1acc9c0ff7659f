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

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1n", 1L)]
    [InlineData("250n", 3L)]
    [InlineData("0S", 0L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void GrpcTimeout_ValidValue_ParsesToTicks(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Value.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10 S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData("\u0661S")]
    [InlineData(null)]
    public void GrpcTimeout_MalformedValue_IsRejected(string? value) =>
        Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Registry_DuplicatePath_Throws()
    {
        var registry = new GrpcServiceRegistry();
        registry.AddUnary("/a.B/C", Crd.Terraform.Plugin.Grpc.Health.HealthCheckRequest.Parser, (r, _) => Task.FromResult(r));

        Assert.Throws<ArgumentException>(() =>
            registry.AddUnary("/a.B/C", Crd.Terraform.Plugin.Grpc.Health.HealthCheckRequest.Parser, (r, _) => Task.FromResult(r)));
    }
}
