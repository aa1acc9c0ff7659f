namespace Crd.Simulator.Config;

/// <summary>Quota limits of a project on a site (also the per-project record in the store).</summary>
public sealed class QuotaConfig
{
    /// <summary>vCPUs.</summary>
    public int Cores { get; set; } = 16;

    /// <summary>RAM in GB.</summary>
    public int RamGb { get; set; } = 64;

    /// <summary>Servers.</summary>
    public int Instances { get; set; } = 10;

    /// <summary>Volumes.</summary>
    public int Volumes { get; set; } = 10;

    /// <summary>Volume storage in GB.</summary>
    public int StorageGb { get; set; } = 1000;

    /// <summary>Floating IPs.</summary>
    public int FloatingIps { get; set; } = 4;

    /// <summary>Kubernetes clusters (Magnum).</summary>
    public int K8sClusters { get; set; } = 2;

    /// <summary>Key pairs per user.</summary>
    public int KeyPairs { get; set; } = 100;

    /// <summary>Security groups.</summary>
    public int SecurityGroups { get; set; } = 10;

    /// <summary>Security group rules.</summary>
    public int SecurityGroupRules { get; set; } = 100;

    /// <summary>Networks.</summary>
    public int Networks { get; set; } = 10;

    /// <summary>Subnets.</summary>
    public int Subnets { get; set; } = 10;

    /// <summary>Ports.</summary>
    public int Ports { get; set; } = 100;

    /// <summary>A copy (so that the site default is never shared by projects).</summary>
    public QuotaConfig Clone() => (QuotaConfig)MemberwiseClone();
}
