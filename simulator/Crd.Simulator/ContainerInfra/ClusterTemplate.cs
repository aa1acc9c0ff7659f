using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>A Magnum cluster template (public ones are seeded and owned by the site's admin project).</summary>
[SimCollection("container-infra.cluster_templates")]
public sealed class ClusterTemplate : Entity
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Container orchestration engine (always <c>kubernetes</c> here).</summary>
    public string Coe { get; set; } = "kubernetes";

    /// <summary>Glance image id.</summary>
    public string ImageId { get; set; } = "";

    /// <summary>Worker flavor (id or name, as Magnum stores what it was given).</summary>
    public string? FlavorId { get; set; }

    /// <summary>Master flavor.</summary>
    public string? MasterFlavorId { get; set; }

    /// <summary>Default key pair.</summary>
    public string? KeypairId { get; set; }

    /// <summary>External network.</summary>
    public string? ExternalNetworkId { get; set; }

    /// <summary>Fixed network.</summary>
    public string? FixedNetwork { get; set; }

    /// <summary>Fixed subnet.</summary>
    public string? FixedSubnet { get; set; }

    /// <summary>Network driver.</summary>
    public string NetworkDriver { get; set; } = "calico";

    /// <summary>Volume driver.</summary>
    public string? VolumeDriver { get; set; } = "cinder";

    /// <summary>Docker volume size in GB.</summary>
    public int? DockerVolumeSize { get; set; }

    /// <summary>DNS server.</summary>
    public string DnsNameserver { get; set; } = "8.8.8.8";

    /// <summary>Labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Load balancer in front of the masters.</summary>
    public bool MasterLbEnabled { get; set; } = true;

    /// <summary>Floating IPs on the nodes.</summary>
    public bool FloatingIpEnabled { get; set; }

    /// <summary>Visible to every project of the site.</summary>
    public bool Public { get; set; }

    /// <summary>Hidden from listings.</summary>
    public bool Hidden { get; set; }

    /// <summary>TLS disabled.</summary>
    public bool TlsDisabled { get; set; }

    /// <summary>Server type.</summary>
    public string ServerType { get; set; } = "vm";

    /// <summary>Creator.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
