namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// Writes the messages of a server-streaming response. Calls must not overlap: await each
/// <see cref="WriteAsync"/> before starting the next.
/// </summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IGrpcStreamWriter<in T>
{
    /// <summary>Frames <paramref name="message"/> and sends it to the client immediately.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken);
}
