namespace Crd.Cloud;

/// <summary>An asynchronous operation ended in an error state (Nova <c>ERROR</c>, Cinder <c>error</c>).</summary>
/// <param name="message">What failed and the service's reason (<c>fault.message</c>).</param>
public sealed class CloudOperationException(string message) : CloudException(message);
