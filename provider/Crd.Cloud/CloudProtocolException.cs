namespace Crd.Cloud;

/// <summary>A service answered 2xx with a body we cannot understand (a bug here or there).</summary>
public sealed class CloudProtocolException(string message) : CloudException(message);
