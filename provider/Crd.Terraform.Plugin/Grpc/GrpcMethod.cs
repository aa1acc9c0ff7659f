using Microsoft.AspNetCore.Http;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>A registered gRPC method: reads its request, runs the handler, writes the response messages.</summary>
internal abstract class GrpcMethod
{
    /// <summary>
    /// Runs the call up to (not including) the status: the caller writes <c>grpc-status</c>
    /// afterwards, or maps the exception thrown here to a status.
    /// </summary>
    public abstract Task InvokeAsync(HttpContext http, GrpcCallContext call);

    protected static async Task<TRequest> ReadRequestAsync<TRequest>(HttpContext http, Google.Protobuf.MessageParser<TRequest> parser, CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage<TRequest>
    {
        var request = await GrpcFraming.ReadMessageAsync(http.Request.BodyReader, parser, cancellationToken).ConfigureAwait(false);
        return request ?? throw new GrpcStatusException(GrpcStatusCodes.Internal, "the request contained no message");
    }
}
