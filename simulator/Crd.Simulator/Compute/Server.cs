using Crd.Simulator.State;

namespace Crd.Simulator.Compute;

/// <summary>A Nova server. <see cref="Pending"/> says what the due transition (<see cref="Entity.DueAt"/>) completes.</summary>
[SimCollection("compute.servers")]
public sealed class Server : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Nova status (ACTIVE, BUILD, SHUTOFF, ERROR, RESIZE, VERIFY_RESIZE, REVERT_RESIZE, REBUILD, REBOOT...).</summary>
    public string Status { get; set; } = "BUILD";

    /// <summary><c>OS-EXT-STS:vm_state</c>.</summary>
    public string VmState { get; set; } = "building";

    /// <summary><c>OS-EXT-STS:task_state</c>; non-null while an operation runs (other actions get 409).</summary>
    public string? TaskState { get; set; }

    /// <summary><c>OS-EXT-STS:power_state</c> (0 nostate, 1 running, 4 shutdown).</summary>
    public int PowerState { get; set; }

    /// <summary>What completes at <see cref="Entity.DueAt"/>: build, stop, start, reboot, resize, revert, rebuild, delete.</summary>
    public string? Pending { get; set; }

    /// <summary>vm_state to return to after a transition (resize/rebuild of a stopped server).</summary>
    public string? ResumeVmState { get; set; }

    /// <summary>Flavor id.</summary>
    public string FlavorId { get; set; } = "";

    /// <summary>Flavor before a resize (for revert), or null.</summary>
    public string? OldFlavorId { get; set; }

    /// <summary>Image id; empty when booted from a volume.</summary>
    public string ImageId { get; set; } = "";

    /// <summary>Key pair name.</summary>
    public string? KeyName { get; set; }

    /// <summary>Creating user.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Metadata.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Tags.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Ports created by Nova for this server (deleted with it).</summary>
    public List<string> OwnedPortIds { get; set; } = [];

    /// <summary>User data (base64) as given.</summary>
    public string? UserData { get; set; }

    /// <summary>Config drive requested.</summary>
    public bool ConfigDrive { get; set; }

    /// <summary>Availability zone.</summary>
    public string AvailabilityZone { get; set; } = "nova";

    /// <summary>Admin password returned at creation.</summary>
    public string AdminPass { get; set; } = "";

    /// <summary>Description (2.19+).</summary>
    public string? Description { get; set; }

    /// <summary>Locked flag.</summary>
    public bool Locked { get; set; }

    /// <summary>When set, the build ends in ERROR with this message.</summary>
    public string? FailMessage { get; set; }

    /// <summary>Fault shown while in ERROR.</summary>
    public ServerFault? Fault { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last update.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it became ACTIVE.</summary>
    public DateTimeOffset? LaunchedAt { get; set; }

    /// <summary>Host id (opaque).</summary>
    public string HostId { get; set; } = "";
}
