namespace Crd.Simulator.Hosting;

/// <summary>
/// A refusal in the service's own terms. The error middleware renders it in the body shape of the
/// service the request was addressed to (Nova, Cinder, Neutron, Keystone...).
/// </summary>
public sealed class ApiException(int status, string message, string? type = null) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>
    /// The service's error kind: Nova/Cinder body key (<c>conflictingRequest</c>, <c>overLimit</c>...)
    /// or Neutron error type (<c>IpAddressGenerationFailure</c>); null for the status default.
    /// </summary>
    public string? Type { get; } = type;

    /// <summary>Headers to add to the error response (e.g. Retry-After).</summary>
    public Dictionary<string, string> Headers { get; } = [];

    /// <summary>404 with the service's "not found" wording.</summary>
    public static ApiException NotFound(string message, string? type = null) => new(404, message, type);

    /// <summary>400.</summary>
    public static ApiException BadRequest(string message, string? type = null) => new(400, message, type);

    /// <summary>409.</summary>
    public static ApiException Conflict(string message, string? type = null) => new(409, message, type);
}
