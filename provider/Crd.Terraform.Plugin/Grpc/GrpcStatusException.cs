namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// Thrown by a gRPC handler (or by the framing layer) to end the call with a specific
/// <c>grpc-status</c> and <c>grpc-message</c>. Any other exception ends the call with
/// <see cref="GrpcStatusCodes.Internal"/> and a generic message.
/// </summary>
public sealed class GrpcStatusException : Exception
{
    /// <summary>Creates an exception carrying a gRPC status.</summary>
    /// <param name="statusCode">The status code, one of <see cref="GrpcStatusCodes"/>; must not be 0.</param>
    /// <param name="message">Sent to the client as <c>grpc-message</c>; must not contain secrets.</param>
    public GrpcStatusException(int statusCode, string message)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(statusCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 16);
        StatusCode = statusCode;
    }

    /// <summary>The gRPC status code sent in <c>grpc-status</c>.</summary>
    public int StatusCode { get; }
}
