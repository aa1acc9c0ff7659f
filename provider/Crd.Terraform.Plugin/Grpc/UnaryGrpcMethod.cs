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
        await GrpcFraming.WriteMessageAsync(http.Response.BodyWriter, response, call.CancellationToken).ConfigureAwait(false);
    }
}
