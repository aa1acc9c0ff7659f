namespace Crd.Terraform.Plugin.Grpc;

/// <summary>
/// The gRPC status codes this SDK produces or that callers may want to raise through
/// <see cref="GrpcStatusException"/> (grpc/grpc doc/statuscodes.md). Terraform turns any
/// non-zero status into a generic "Plugin error": user-facing errors belong in diagnostics.
/// </summary>
public static class GrpcStatusCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The call was cancelled, typically by the client.</summary>
    public const int Cancelled = 1;

    /// <summary>Unknown error.</summary>
    public const int Unknown = 2;

    /// <summary>The client sent an invalid argument.</summary>
    public const int InvalidArgument = 3;

    /// <summary>The deadline expired before the call completed.</summary>
    public const int DeadlineExceeded = 4;

    /// <summary>A requested entity (for health checks: the service name) was not found.</summary>
    public const int NotFound = 5;

    /// <summary>A resource, such as the maximum message size, has been exhausted.</summary>
    public const int ResourceExhausted = 8;

    /// <summary>The system is not in a state required for the call.</summary>
    public const int FailedPrecondition = 9;

    /// <summary>The method is not implemented; Terraform relies on this for optional RPCs.</summary>
    public const int Unimplemented = 12;

    /// <summary>An internal error, e.g. an undecodable message or an unexpected exception.</summary>
    public const int Internal = 13;

    /// <summary>The service is unavailable.</summary>
    public const int Unavailable = 14;
}
