using Crd.Terraform.Plugin.Grpc;
using Google.Protobuf;

namespace Crd.Terraform.Plugin.TestProvider.Echo;

/// <summary>
/// Transport test service (<c>/crd.test.Echo/*</c>): echoes payloads, streams, fails on
/// request, blocks until cancelled, and proves concurrency with a barrier.
/// </summary>
internal static class EchoService
{
    private static readonly Lock s_barrierLock = new();
    private static long s_cancelledCalls;
    private static long s_delayedCalls;
    private static int s_barrierArrived;
    private static TaskCompletionSource s_barrier = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Register(GrpcServiceRegistry registry)
    {
        registry.AddUnary("/crd.test.Echo/Unary", EchoRequest.Parser, UnaryAsync);
        registry.AddServerStreaming<EchoRequest, EchoResponse>("/crd.test.Echo/Stream", EchoRequest.Parser, StreamAsync);
        registry.AddUnary("/crd.test.Echo/Barrier", EchoRequest.Parser, BarrierAsync);
        registry.AddUnary("/crd.test.Echo/Stats", EchoRequest.Parser, (_, _) =>
            Task.FromResult(new EchoResponse
            {
                CancelledCalls = Interlocked.Read(ref s_cancelledCalls),
                DelayedCalls = Interlocked.Read(ref s_delayedCalls),
            }));
    }

    private static async Task<EchoResponse> UnaryAsync(EchoRequest request, GrpcCallContext call)
    {
        switch (request.Fail)
        {
            case "status":
                throw new GrpcStatusException(GrpcStatusCodes.FailedPrecondition, "échec voulu: 100% refusé\nline two");
            case "crash":
                throw new InvalidOperationException("secret-detail-that-must-not-leak");
        }

        if (request.DelayMs > 0)
        {
            Interlocked.Increment(ref s_delayedCalls);
            try
            {
                await Task.Delay(request.DelayMs, call.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref s_cancelledCalls);
                throw;
            }
        }

        return new EchoResponse { Payload = request.Payload };
    }

    private static async Task StreamAsync(EchoRequest request, IGrpcStreamWriter<EchoResponse> writer, GrpcCallContext call)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await writer.WriteAsync(new EchoResponse { Payload = request.Payload, Index = i }, call.CancellationToken).ConfigureAwait(false);
        }
    }

    // Completes only once request.Count calls are inside this method at the same time: a
    // server that serialised calls would never release them (the client's timeout fails the test).
    private static async Task<EchoResponse> BarrierAsync(EchoRequest request, GrpcCallContext call)
    {
        Task released;
        lock (s_barrierLock)
        {
            released = s_barrier.Task;
            if (++s_barrierArrived >= request.Count)
            {
                s_barrier.SetResult();
                s_barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                s_barrierArrived = 0;
            }
        }

        await released.WaitAsync(call.CancellationToken).ConfigureAwait(false);
        return new EchoResponse { Payload = ByteString.CopyFromUtf8("released") };
    }
}
