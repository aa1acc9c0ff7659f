using System.Security.Cryptography;
using Crd.Terraform.Plugin.Grpc.Health;
using Crd.Terraform.Plugin.TestProvider.Echo;
using Crd.Terraform.Plugin.Tests.Support;
using Crd.Terraform.Testing.Transport;
using Google.Protobuf;
using Grpc.Core;

namespace Crd.Terraform.Plugin.Tests.Grpc;

/// <summary>
/// The hand-written gRPC server, driven over AutoMTLS by an independent client: grpc-dotnet
/// (Grpc.Net.Client, generated stubs) for well-formed calls, raw HTTP/2 for malformed ones.
/// </summary>
public sealed class GrpcTransportTests(EchoProviderFixture fixture) : IClassFixture<EchoProviderFixture>
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    private PluginProcess Plugin => fixture.Plugin;

    private Echo.EchoClient EchoClient => new(Plugin.Channel);

    private Health.HealthClient HealthClient => new(Plugin.Channel);

    [Theory]
    [InlineData("/tfplugin6.Provider/ListResource")]
    [InlineData("/plugin.GRPCStdio/StreamStdio")]
    [InlineData("/plugin.GRPCBroker/StartStream")]
    [InlineData("/no.Such/Method")]
    public async Task UnknownMethod_AnyPath_ReturnsUnimplemented(string path)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Plugin.CallUnaryAsync(path, new HealthCheckRequest(), HealthCheckResponse.Parser, s_none));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains(path, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plugin")]
    public async Task HealthCheck_KnownService_IsServing(string service)
    {
        var response = await HealthClient.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task HealthCheck_UnknownService_ReturnsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await HealthClient.CheckAsync(new HealthCheckRequest { Service = "tfplugin6.Provider" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100 << 20)]
    public async Task Unary_PayloadOfSize_RoundTripsIntact(int size)
    {
        var payload = RandomNumberGenerator.GetBytes(size);

        var response = await EchoClient.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) });

        Assert.True(payload.AsSpan().SequenceEqual(response.Payload.Span), "payload changed in transit");
    }

    [Fact]
    public async Task Unary_MessageSplitAcrossDataFrames_IsReassembled()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFromUtf8(new string('x', 40_000) + "end") };
        var framed = PluginProcess.Frame(request);
        // Prefix split in two, body in uneven pieces: each chunk is flushed separately.
        ReadOnlyMemory<byte>[] chunks = [framed.AsMemory(0, 2), framed.AsMemory(2, 3), framed.AsMemory(5, 7), framed.AsMemory(12, 30_000), framed.AsMemory(30_012)];

        var response = await Plugin.CallRawAsync("/crd.test.Echo/Unary", chunks, "application/grpc", s_none);

        Assert.Equal(0, response.GrpcStatus);
        var message = Assert.Single(response.Messages);
        Assert.Equal(request.Payload, EchoResponse.Parser.ParseFrom(message).Payload);
    }

    [Fact]
    public async Task Unary_CompressedFlagSet_IsRejectedWithMessage()
    {
        var framed = PluginProcess.Frame(new EchoRequest { Payload = ByteString.CopyFromUtf8("zip") });
        framed[0] = 1;

        var response = await Plugin.CallRawAsync("/crd.test.Echo/Unary", [framed], "application/grpc", s_none);

        Assert.Equal(200, response.HttpStatus);
        Assert.Contains(response.GrpcStatus, new int?[] { 12, 13 });
        Assert.Contains("compress", response.GrpcMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unary_NoRequestMessage_ReturnsInternal()
    {
        var response = await Plugin.CallRawAsync("/crd.test.Echo/Unary", [], "application/grpc", s_none);

        Assert.Equal(13, response.GrpcStatus);
    }

    [Fact]
    public async Task Request_NonGrpcContentType_Returns415()
    {
        var response = await Plugin.CallRawAsync("/crd.test.Echo/Unary", [new byte[] { 0, 0, 0, 0, 0 }], "application/json", s_none);

        Assert.Equal(415, response.HttpStatus);
    }

    [Fact]
    public async Task ServerStreaming_CountMessages_AllArriveInOrder()
    {
        var received = new List<EchoResponse>();

        using var call = EchoClient.Stream(new EchoRequest { Count = 50, Payload = ByteString.CopyFromUtf8("s") });
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            received.Add(message);
        }

        Assert.Equal(Enumerable.Range(0, 50), received.Select(m => m.Index));
    }

    [Fact]
    public async Task Handler_GrpcStatusException_SendsStatusAndPercentEncodedMessage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await EchoClient.UnaryAsync(new EchoRequest { Fail = "status" }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("échec voulu: 100% refusé\nline two", error.Status.Detail);
    }

    [Fact]
    public async Task Handler_UnexpectedException_ReturnsInternalWithoutDetails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await EchoClient.UnaryAsync(new EchoRequest { Fail = "crash" }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("secret-detail", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_TwentyAtOnce_RunConcurrently()
    {
        // The barrier releases only when all 20 calls are inside the handler at the same time.
        using var timeout = new CancellationTokenSource(PluginTestLaunch.Patience);
        var client = EchoClient;
        var calls = Enumerable.Range(0, 20).Select(_ => client.BarrierAsync(new EchoRequest { Count = 20 }, cancellationToken: timeout.Token).ResponseAsync);

        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal("released", r.Payload.ToStringUtf8()));
    }

    [Fact]
    public async Task Call_CancelledByClient_CancelsHandlerToken()
    {
        var before = await StatsAsync();
        using var cancel = new CancellationTokenSource();
        var call = EchoClient.UnaryAsync(new EchoRequest { DelayMs = 600_000 }, cancellationToken: cancel.Token).ResponseAsync;
        Assert.True(await PluginTestLaunch.EventuallyAsync(async () => (await StatsAsync()).DelayedCalls > before.DelayedCalls), "call never reached the handler");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await PluginTestLaunch.EventuallyAsync(async () => (await StatsAsync()).CancelledCalls > before.CancelledCalls), "handler token never fired");
    }

    [Fact]
    public async Task Deadline_ShorterThanHandler_AnswersDeadlineExceededAndCancelsHandlerToken()
    {
        // Raw, so that only the server can end the call: grpc-dotnet would enforce its own deadline.
        var before = await StatsAsync();
        var framed = PluginProcess.Frame(new EchoRequest { DelayMs = 600_000 });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await Plugin.CallRawAsync(
            "/crd.test.Echo/Unary", [framed], "application/grpc", s_none, new Dictionary<string, string> { ["grpc-timeout"] = "300m" });

        Assert.Equal(4, response.GrpcStatus);
        Assert.Contains("deadline", response.GrpcMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(response.Messages);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {started.Elapsed}, before the deadline");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"answered after {started.Elapsed}");
        Assert.True(await PluginTestLaunch.EventuallyAsync(async () => (await StatsAsync()).CancelledCalls > before.CancelledCalls), "handler token never fired");
    }

    [Fact]
    public async Task Deadline_LongerThanHandler_AnswersNormally()
    {
        var framed = PluginProcess.Frame(new EchoRequest { Payload = ByteString.CopyFromUtf8("in time"), DelayMs = 50 });

        var response = await Plugin.CallRawAsync(
            "/crd.test.Echo/Unary", [framed], "application/grpc", s_none, new Dictionary<string, string> { ["grpc-timeout"] = "20S" });

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("in time", EchoResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Deadline_ExpiresWhileStreaming_EndsStreamWithDeadlineExceeded()
    {
        // A million messages (each flushed) take far longer than 500 ms: the stream ends early,
        // with the status in the trailers after the messages sent so far.
        var framed = PluginProcess.Frame(new EchoRequest { Count = 1_000_000, Payload = ByteString.CopyFromUtf8("s") });

        var response = await Plugin.CallRawAsync(
            "/crd.test.Echo/Stream", [framed], "application/grpc", s_none, new Dictionary<string, string> { ["grpc-timeout"] = "500m" });

        Assert.Equal(4, response.GrpcStatus);
        Assert.False(response.TrailersOnly);
        Assert.InRange(response.Messages.Count, 1, 999_999);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData("5x")]
    public async Task Deadline_MalformedGrpcTimeout_ReturnsInternal(string value)
    {
        var framed = PluginProcess.Frame(new EchoRequest { Payload = ByteString.CopyFromUtf8("x") });

        var response = await Plugin.CallRawAsync(
            "/crd.test.Echo/Unary", [framed], "application/grpc", s_none, new Dictionary<string, string> { ["grpc-timeout"] = value });

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("grpc-timeout", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_SetByGrpcDotnetClient_IsHonouredByServer()
    {
        // grpc-dotnet sends grpc-timeout from the deadline; either side may end the call first
        // (the harness's channel turns an exceeded deadline into OperationCanceledException),
        // but the handler's token must fire either way.
        var before = await StatsAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await EchoClient.UnaryAsync(new EchoRequest { DelayMs = 600_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)));

        Assert.True(await PluginTestLaunch.EventuallyAsync(async () => (await StatsAsync()).CancelledCalls > before.CancelledCalls), "handler token never fired");
    }

    [Fact]
    public async Task Connection_IdleBetweenCalls_IsKeptOpen()
    {
        await StatsAsync();
        var connections = Plugin.ConnectionCount;

        // Longer than Kestrel's one-second heartbeat: an idle timeout would have closed it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await StatsAsync();

        Assert.Equal(connections, Plugin.ConnectionCount);
    }

    private Task<EchoResponse> StatsAsync() => EchoClient.StatsAsync(new EchoRequest()).ResponseAsync;
}
