using Google.Protobuf;

namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// The table of gRPC methods the plugin serves, keyed by exact HTTP/2 <c>:path</c>
/// (<c>/package.Service/Method</c>). Every path not registered answers
/// <c>grpc-status: 12</c> (UNIMPLEMENTED), which Terraform relies on for optional RPCs.
/// Filled once at start-up through <see cref="Hosting.PluginServeOptions.RegisterServices"/>.
/// </summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, GrpcMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>The registered paths, for diagnostics and tests.</summary>
    public IReadOnlyCollection<string> Paths => _methods.Keys;

    /// <summary>Registers a unary method (one request, one response).</summary>
    /// <param name="path">Full path, e.g. <c>/tfplugin6.Provider/GetProviderSchema</c>.</param>
    /// <param name="parser">Parser of the request message.</param>
    /// <param name="handler">Called once per call; its exceptions become gRPC statuses (see <see cref="GrpcStatusException"/>).</param>
    public void AddUnary<TRequest, TResponse>(
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        Add(path, new UnaryGrpcMethod<TRequest, TResponse>(parser, handler));
    }

    /// <summary>Registers a server-streaming method (one request, a stream of responses).</summary>
    /// <param name="path">Full path, e.g. <c>/tfplugin6.Provider/ListResource</c>.</param>
    /// <param name="parser">Parser of the request message.</param>
    /// <param name="handler">Writes the responses through the writer; the call ends when the returned task completes.</param>
    public void AddServerStreaming<TRequest, TResponse>(
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        Add(path, new ServerStreamingGrpcMethod<TRequest, TResponse>(parser, handler));
    }

    internal bool TryGet(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out GrpcMethod method) =>
        _methods.TryGetValue(path, out method);

    private void Add(string path, GrpcMethod method)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/' || path.IndexOf('/', 1) < 0)
        {
            throw new ArgumentException($"gRPC path must look like /package.Service/Method, got '{path}'", nameof(path));
        }

        if (!_methods.TryAdd(path, method))
        {
            throw new ArgumentException($"gRPC method '{path}' is already registered", nameof(path));
        }
    }
}
