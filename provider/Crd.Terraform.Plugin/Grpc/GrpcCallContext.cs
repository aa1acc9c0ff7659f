namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// Per-call information handed to every gRPC handler.
/// </summary>
/// <param name="method">The full method path, e.g. <c>/tfplugin6.Provider/PlanResourceChange</c>.</param>
/// <param name="cancellationToken">Cancelled when the client aborts the call (HTTP/2 RST_STREAM) or the connection drops.</param>
public sealed class GrpcCallContext(string method, CancellationToken cancellationToken)
{
    /// <summary>The full method path, e.g. <c>/tfplugin6.Provider/PlanResourceChange</c>.</summary>
    public string Method { get; } = method;

    /// <summary>
    /// Cancelled when the client aborts the call or the connection drops. Handlers pass it to
    /// every I/O call; the StopProvider token is linked to it by the protocol layer.
    /// </summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
