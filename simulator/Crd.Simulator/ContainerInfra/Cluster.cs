using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// A Magnum cluster. Its node counts live in its nodegroups (<see cref="Nodegroup"/>); its
/// certificate authority (key included) is kept here so that it survives restarts.
/// </summary>
[SimCollection("container-infra.clusters")]
public sealed class Cluster : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Template id.</summary>
    public string TemplateId { get; set; } = "";

    /// <summary>Magnum status (<c>CREATE_IN_PROGRESS</c>...).</summary>
    public string Status { get; set; } = "CREATE_IN_PROGRESS";

    /// <summary>Why the status is what it is (failures).</summary>
    public string? StatusReason { get; set; }

    /// <summary>The pending transition: create, update, upgrade, delete; null when idle.</summary>
    public string? Pending { get; set; }

    /// <summary>Template to move to when an upgrade completes.</summary>
    public string? PendingTemplateId { get; set; }

    /// <summary>Failure decided at request time (injected fault, quota), applied when the transition completes.</summary>
    public string? FailMessage { get; set; }

    /// <summary>Master count.</summary>
    public int MasterCount { get; set; } = 1;

    /// <summary>Worker flavor id.</summary>
    public string FlavorId { get; set; } = "";

    /// <summary>Master flavor id.</summary>
    public string MasterFlavorId { get; set; } = "";

    /// <summary>Key pair name.</summary>
    public string? Keypair { get; set; }

    /// <summary>Effective labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Labels given by the user that the template did not have.</summary>
    public Dictionary<string, string> LabelsAdded { get; set; } = [];

    /// <summary>Template labels the user overrode (template values).</summary>
    public Dictionary<string, string> LabelsOverridden { get; set; } = [];

    /// <summary>Template labels dropped because labels were not merged.</summary>
    public Dictionary<string, string> LabelsSkipped { get; set; } = [];

    /// <summary>Floating IPs on nodes.</summary>
    public bool FloatingIpEnabled { get; set; }

    /// <summary>Master load balancer.</summary>
    public bool MasterLbEnabled { get; set; }

    /// <summary>Docker volume size.</summary>
    public int? DockerVolumeSize { get; set; }

    /// <summary>Create timeout in minutes.</summary>
    public int CreateTimeout { get; set; } = 60;

    /// <summary>Fixed network.</summary>
    public string? FixedNetwork { get; set; }

    /// <summary>Fixed subnet.</summary>
    public string? FixedSubnet { get; set; }

    /// <summary>Kubernetes version (from the image's <c>kube_version</c>).</summary>
    public string? CoeVersion { get; set; }

    /// <summary>Heat stack id.</summary>
    public string StackId { get; set; } = "";

    /// <summary>Creator.</summary>
    public string UserId { get; set; } = "";

    /// <summary>CA certificate (PEM).</summary>
    public string CaCertificatePem { get; set; } = "";

    /// <summary>CA private key (PKCS#8 PEM).</summary>
    public string CaKeyPem { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
