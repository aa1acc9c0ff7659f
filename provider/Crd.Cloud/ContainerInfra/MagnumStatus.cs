namespace Crd.Cloud.ContainerInfra;

/// <summary>Magnum's cluster and nodegroup statuses (magnum/objects/fields.py <c>ClusterStatus</c>).</summary>
public static class MagnumStatus
{
    /// <summary>Creating.</summary>
    public const string CreateInProgress = "CREATE_IN_PROGRESS";

    /// <summary>Created.</summary>
    public const string CreateComplete = "CREATE_COMPLETE";

    /// <summary>Create failed.</summary>
    public const string CreateFailed = "CREATE_FAILED";

    /// <summary>Updated.</summary>
    public const string UpdateComplete = "UPDATE_COMPLETE";

    /// <summary>Magnum's failure set: the TF OpenStack provider and Magnum's own client treat these as errors.</summary>
    public static IReadOnlySet<string> Failures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CREATE_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "ROLLBACK_FAILED", "RESUME_FAILED",
    };

    /// <summary>True for a failure status.</summary>
    public static bool IsFailed(string status) => Failures.Contains(status);

    /// <summary>True for any status in which nothing is in progress (an update is accepted).</summary>
    public static bool IsSettled(string status) => !status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);
}
