using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>A Magnum nodegroup: <c>default-master</c>, <c>default-worker</c> or a user group.</summary>
[SimCollection("container-infra.nodegroups")]
public sealed class Nodegroup : Entity
{
    /// <summary>Cluster uuid.</summary>
    public string ClusterId { get; set; } = "";

    /// <summary>Name, unique per cluster.</summary>
    public string Name { get; set; } = "";

    /// <summary>master or worker (or any user role).</summary>
    public string Role { get; set; } = "worker";

    /// <summary>Nodes.</summary>
    public int NodeCount { get; set; } = 1;

    /// <summary>Node count applied when the pending update completes.</summary>
    public int? PendingNodeCount { get; set; }

    /// <summary>Autoscaling minimum.</summary>
    public int MinNodeCount { get; set; }

    /// <summary>Autoscaling maximum (null: unbounded).</summary>
    public int? MaxNodeCount { get; set; }

    /// <summary>Flavor id.</summary>
    public string FlavorId { get; set; } = "";

    /// <summary>Image id.</summary>
    public string ImageId { get; set; } = "";

    /// <summary>Labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Docker volume size.</summary>
    public int? DockerVolumeSize { get; set; }

    /// <summary>True for the two groups created with the cluster.</summary>
    public bool IsDefault { get; set; }

    /// <summary>Status.</summary>
    public string Status { get; set; } = "CREATE_IN_PROGRESS";

    /// <summary>Reason of a failure.</summary>
    public string? StatusReason { get; set; }

    /// <summary>Pending transition (create, update, delete), handled by the nodegroup settler; null when idle or driven by the cluster.</summary>
    public string? Pending { get; set; }

    /// <summary>Stack id.</summary>
    public string StackId { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
