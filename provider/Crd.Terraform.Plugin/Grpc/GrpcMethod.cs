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
        var reader = http.Request.BodyReader;
        var request = await GrpcFraming.ReadMessageAsync(reader, parser, cancellationToken).ConfigureAwait(false)
            ?? throw new GrpcStatusException(GrpcStatusCodes.Internal, "the request contained no message");

        // Read to the end of the request stream (as grpc-go does): it rejects a second message,
        // and answering before the client's END_STREAM arrived would make Kestrel reset a
        // stream the client may still be writing to.
        if (await GrpcFraming.ReadMessageAsync(reader, parser, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new GrpcStatusException(GrpcStatusCodes.Internal, "the request contained more than one message");
        }

        return request;
    }
}
