namespace Crd.Cloud;

/// <summary>A site could not be reached at all (DNS, refused, TLS, resets) after retries.</summary>
public sealed class CloudUnreachableException(string message, Exception inner) : CloudException(message, inner);
