namespace Crd.Cloud;

/// <summary>Transport behaviour shared by every site session.</summary>
public sealed class CloudOptions
{
    /// <summary>Retries of one call after a retryable failure (429, 502-504, reset, transient 409).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Re-authenticate when the token expires within this margin.</summary>
    public TimeSpan ReauthMargin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay; doubles per attempt (jittered) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of one retry delay, also applied to Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Diagnostic sink (method, URL without query secrets, status, elapsed); never receives tokens or bodies.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Defaults.</summary>
    public static CloudOptions Default { get; } = new();
}
