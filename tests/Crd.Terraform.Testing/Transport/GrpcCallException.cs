namespace Crd.Terraform.Testing.Transport;

/// <summary>A gRPC call that ended with a non-zero <c>grpc-status</c> (or not as gRPC at all).</summary>
public sealed class GrpcCallException(int statusCode, string? statusMessage, int httpStatus = 200)
    : Exception($"gRPC status {statusCode}: {statusMessage} (HTTP {httpStatus})")
{
    /// <summary>The <c>grpc-status</c> value.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The percent-decoded <c>grpc-message</c>, if any.</summary>
    public string? StatusMessage { get; } = statusMessage;

    /// <summary>The HTTP status of the response (200 for every proper gRPC answer).</summary>
    public int HttpStatus { get; } = httpStatus;
}
