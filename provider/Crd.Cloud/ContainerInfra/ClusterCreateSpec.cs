namespace Crd.Cloud.ContainerInfra;

/// <summary>What <c>POST /clusters</c> needs.</summary>
/// <param name="Name">Cluster name.</param>
/// <param name="TemplateId">Cluster template uuid.</param>
public sealed record ClusterCreateSpec(string Name, string TemplateId)
{
    /// <summary>Control-plane nodes.</summary>
    public int MasterCount { get; init; } = 1;

    /// <summary>Nodes of the default worker group.</summary>
    public int NodeCount { get; init; } = 1;

    /// <summary>Worker flavor id (null: the template's).</summary>
    public string? FlavorId { get; init; }

    /// <summary>Control-plane flavor id (null: the template's).</summary>
    public string? MasterFlavorId { get; init; }

    /// <summary>Nova key pair name.</summary>
    public string? Keypair { get; init; }

    /// <summary>Labels, merged with the template's (<c>merge_labels</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Floating IPs for the nodes (null: the template's).</summary>
    public bool? FloatingIpEnabled { get; init; }

    /// <summary>Load balancer in front of the API (null: the template's).</summary>
    public bool? MasterLbEnabled { get; init; }

    /// <summary>Magnum's own create timeout, in minutes.</summary>
    public int CreateTimeoutMinutes { get; init; } = 60;
}
