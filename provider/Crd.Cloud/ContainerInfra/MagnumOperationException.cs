namespace Crd.Cloud.ContainerInfra;

/// <summary>
/// A Magnum cluster or nodegroup ended in a failure status; carries the status and Magnum's
/// <c>status_reason</c>, quoted in the message.
/// </summary>
public sealed class MagnumOperationException(string status, string? statusReason, string what)
    : CloudException(what + (string.IsNullOrWhiteSpace(statusReason) ? " (Magnum gave no status_reason)" : $": status_reason: \"{statusReason}\""))
{
    /// <summary>The failure status (<c>CREATE_FAILED</c>...).</summary>
    public string Status { get; } = status;

    /// <summary>Magnum's reason, if any.</summary>
    public string? StatusReason { get; } = statusReason;
}
