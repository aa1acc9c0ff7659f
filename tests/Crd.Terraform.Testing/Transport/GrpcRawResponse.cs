namespace Crd.Terraform.Testing.Transport;

/// <summary>Everything a raw gRPC call returned, for transport-level assertions.</summary>
public sealed class GrpcRawResponse
{
    /// <summary>HTTP status code.</summary>
    public required int HttpStatus { get; init; }

    /// <summary>Response content type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>grpc-status</c> from the trailers or, for Trailers-Only responses, the headers.</summary>
    public int? GrpcStatus { get; init; }

    /// <summary>Percent-decoded <c>grpc-message</c>.</summary>
    public string? GrpcMessage { get; init; }

    /// <summary>Whether the status came in the headers (Trailers-Only response).</summary>
    public bool TrailersOnly { get; init; }

    /// <summary>The message payloads (without the five-byte prefix).</summary>
    public IReadOnlyList<byte[]> Messages { get; init; } = [];
}
