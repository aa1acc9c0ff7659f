using System.Net;

namespace Crd.Cloud;

/// <summary>
/// A service answered with an error status (after retries). Carries the service's own message
/// (<c>fault.message</c>, <c>badRequest.message</c>, <c>NeutronError.message</c>) so that
/// diagnostics say why; never a token or a secret.
/// </summary>
public sealed class CloudApiException : CloudException
{
    /// <summary>Creates the exception.</summary>
    public CloudApiException(string site, string service, HttpMethod method, string path, int statusCode, string? errorType, string serviceMessage, TimeSpan? retryAfter = null)
        : base($"{service} {method} {path} on {site}: {statusCode} {ReasonOf(statusCode)}{(serviceMessage.Length > 0 ? ": " + serviceMessage : "")}")
    {
        Site = site;
        Service = service;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        ErrorType = errorType;
        ServiceMessage = serviceMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>Site name.</summary>
    public string Site { get; }

    /// <summary>Service name (<c>compute</c>, <c>identity</c>...).</summary>
    public string Service { get; }

    /// <summary>HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Request path relative to the service endpoint.</summary>
    public string Path { get; }

    /// <summary>HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The service's error kind (<c>itemNotFound</c>, <c>conflictingRequest</c>, <c>IpAddressGenerationFailure</c>...).</summary>
    public string? ErrorType { get; }

    /// <summary>The service's own message (may be empty).</summary>
    public string ServiceMessage { get; }

    /// <summary>The server's Retry-After, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>404.</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>409.</summary>
    public bool IsConflict => StatusCode == 409;

    /// <summary>Quota refusals (Nova/Cinder 403/413 overLimit, Neutron OverQuota).</summary>
    public bool IsQuotaExceeded => StatusCode is 403 or 413 && (ErrorType is "overLimit" or "forbidden" || ServiceMessage.Contains("quota", StringComparison.OrdinalIgnoreCase))
        || ErrorType == "OverQuota";

    private static string ReasonOf(int status) => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "";
}
