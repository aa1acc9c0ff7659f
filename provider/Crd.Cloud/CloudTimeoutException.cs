namespace Crd.Cloud;

/// <summary>A wait exceeded its timeout; says what was awaited and the last status seen.</summary>
public sealed class CloudTimeoutException(string what, string lastStatus, TimeSpan elapsed)
    : CloudException($"timed out after {Math.Round(elapsed.TotalSeconds)} s waiting for {what} (last status: {lastStatus}); raise the resource's timeouts if the site is slow")
{
    /// <summary>What was awaited.</summary>
    public string What { get; } = what;

    /// <summary>Last status observed.</summary>
    public string LastStatus { get; } = lastStatus;
}
