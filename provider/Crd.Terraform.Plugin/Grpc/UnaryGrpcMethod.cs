using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>One request message, one response message.</summary>
internal sealed class UnaryGrpcMethod<TRequest, TResponse>(
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCallContext, Task<TResponse>> handler) : GrpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override async Task InvokeAsync(HttpContext http, GrpcCallContext call)
    {
        var request = await ReadRequestAsync(http, parser, call.CancellationToken).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"handler for {call.Method} returned null");
        // Checked, not handed to the pipe: a cancelled body flush makes Kestrel reset the stream.
        call.CancellationToken.ThrowIfCancellationRequested();
        await GrpcFraming.WriteMessageAsync(http.Response.BodyWriter, response, http.RequestAborted).ConfigureAwait(false);
    }
}
