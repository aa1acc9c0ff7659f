using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Crd.Terraform.Testing.Transport;

/// <summary>
/// gRPC calls over the plugin connection: through grpc-dotnet, or raw (grpc/grpc doc/PROTOCOL-HTTP2.md,
/// client side, written here) for transport tests that need malformed requests.
/// </summary>
public sealed partial class PluginProcess
{
    private const int MaxMessageSize = int.MaxValue; // go-plugin's client allows MaxInt32

    /// <summary>The gRPC channel (grpc-dotnet) over the plugin connection, for generated client stubs.</summary>
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("the plugin has no connection (no handshake)");

    /// <summary>
    /// Calls a unary method by its <c>/service/method</c> path through <see cref="Channel"/>
    /// (for paths no stub exists for); throws <see cref="RpcException"/> on a non-zero status.
    /// </summary>
    public async Task<TResponse> CallUnaryAsync<TRequest, TResponse>(string path, TRequest request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var method = CreateMethod<TRequest, TResponse>(MethodType.Unary, path, parser);
        using var call = Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(cancellationToken: cancellationToken), request);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>Calls a server-streaming method by path through <see cref="Channel"/>, yielding each response message.</summary>
    public async IAsyncEnumerable<TResponse> CallServerStreamingAsync<TRequest, TResponse>(
        string path,
        TRequest request,
        MessageParser<TResponse> parser,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var method = CreateMethod<TRequest, TResponse>(MethodType.ServerStreaming, path, parser);
        using var call = Channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, new CallOptions(cancellationToken: cancellationToken), request);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    /// <summary>
    /// Sends arbitrary request bytes, chunk by chunk with a flush after each (so each chunk
    /// travels in its own DATA frames), with optional extra request headers (sent unvalidated),
    /// and returns what came back, without interpretation.
    /// </summary>
    public async Task<GrpcRawResponse> CallRawAsync(
        string path,
        IReadOnlyList<ReadOnlyMemory<byte>> chunks,
        string contentType,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var httpRequest = CreateRequest(path, new FramedContent(chunks, contentType));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            httpRequest.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var messages = new List<byte[]>();
        var contentTypeHeader = response.Content.Headers.ContentType?.ToString();
        if (TryGetStatus(response.Headers, out var headerStatus, out var headerMessage))
        {
            return new GrpcRawResponse
            {
                HttpStatus = (int)response.StatusCode,
                ContentType = contentTypeHeader,
                GrpcStatus = headerStatus,
                GrpcMessage = headerMessage,
                TrailersOnly = true,
            };
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            if (IsGrpc(response))
            {
                while (await ReadMessageAsync(body, cancellationToken).ConfigureAwait(false) is { } payload)
                {
                    messages.Add(payload);
                }
            }
            else
            {
                await body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }

        var hasStatus = TryGetStatus(response.TrailingHeaders, out var status, out var message);
        return new GrpcRawResponse
        {
            HttpStatus = (int)response.StatusCode,
            ContentType = contentTypeHeader,
            GrpcStatus = hasStatus ? status : null,
            GrpcMessage = message,
            Messages = messages,
        };
    }

    /// <summary>Frames one message: flag 0, big-endian length, protobuf bytes.</summary>
    public static byte[] Frame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var framed = GC.AllocateUninitializedArray<byte>(size + 5);
        framed[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)size);
        message.WriteTo(framed.AsSpan(5));
        return framed;
    }

    private static Method<TRequest, TResponse> CreateMethod<TRequest, TResponse>(MethodType type, string path, MessageParser<TResponse> parser)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || path[0] != '/')
        {
            throw new ArgumentException($"not a gRPC method path: {path}", nameof(path));
        }

        return new Method<TRequest, TResponse>(
            type,
            path[1..slash],
            path[(slash + 1)..],
            Marshallers.Create<TRequest>(m => m.ToByteArray(), _ => throw new NotSupportedException("requests are never read here")),
            Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom));
    }

    private HttpClient Http => _http ?? throw new InvalidOperationException("the plugin has no connection (no handshake)");

    private static HttpRequestMessage CreateRequest(string path, HttpContent content)
    {
        // HttpClient's default version applies only to its convenience methods, not to SendAsync.
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }

    private static bool IsGrpc(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    private static bool TryGetStatus(HttpHeaders headers, out int status, out string? message)
    {
        message = null;
        status = 0;
        if (!headers.TryGetValues("grpc-status", out var values))
        {
            return false;
        }

        status = int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture);
        if (headers.TryGetValues("grpc-message", out var messages))
        {
            message = Uri.UnescapeDataString(messages.Single());
        }

        return true;
    }

    private static async Task<byte[]?> ReadMessageAsync(Stream body, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        var read = await body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < 5)
        {
            throw new RpcException(new Status(StatusCode.Internal, "response ended inside a message prefix"));
        }

        if (header[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, "server sent a compressed message although none was negotiated"));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > MaxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"response message of {length} bytes is too large"));
        }

        var payload = GC.AllocateUninitializedArray<byte>((int)length);
        await body.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return payload;
    }

    private sealed class FramedContent : HttpContent
    {
        private readonly IReadOnlyList<ReadOnlyMemory<byte>> _chunks;

        public FramedContent(IReadOnlyList<ReadOnlyMemory<byte>> chunks, string contentType)
        {
            _chunks = chunks;
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var chunk in _chunks)
            {
                await stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (_chunks.Count > 1)
                {
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            foreach (var chunk in _chunks)
            {
                length += chunk.Length;
            }

            return true;
        }
    }
}
