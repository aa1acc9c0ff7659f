using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>One request message, any number of response messages.</summary>
internal sealed class ServerStreamingGrpcMethod<TRequest, TResponse>(
    MessageParser<TRequest> parser,
    Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler) : GrpcMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override async Task InvokeAsync(HttpContext http, GrpcCallContext call)
    {
        var request = await ReadRequestAsync(http, parser, call.CancellationToken).ConfigureAwait(false);
        await handler(request, new StreamWriter(http.Response), call).ConfigureAwait(false);
    }

    private sealed class StreamWriter(HttpResponse response) : IGrpcStreamWriter<TResponse>
    {
        private int _writing;

        public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (Interlocked.Exchange(ref _writing, 1) != 0)
            {
                throw new InvalidOperationException("IGrpcStreamWriter.WriteAsync calls must not overlap");
            }

            try
            {
                // The caller's token (deadline, StopProvider) is checked between messages, not
                // handed to the pipe: Kestrel resets the stream (INTERNAL_ERROR) when a body
                // flush is cancelled, and the call must still end with its status in trailers.
                cancellationToken.ThrowIfCancellationRequested();
                await GrpcFraming.WriteMessageAsync(response.BodyWriter, message, response.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }
        }
    }
}
