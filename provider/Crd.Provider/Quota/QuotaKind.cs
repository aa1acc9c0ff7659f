namespace Crd.Provider.Quota;

/// <summary>
/// One quota dimension the plan-time check counts (DESIGN.md §6): how to read it from a
/// <see cref="QuotaDemand"/> and how to say an amount of it in a diagnostic.
/// </summary>
/// <param name="Name">The name users see in <c>crd_sites</c> and <c>crd_quota</c> (cores, ram_gb...).</param>
/// <param name="Of">Reads this dimension from a demand, limit or usage vector.</param>
/// <param name="Describe">An amount in words: "24 cores", "80 GB of RAM".</param>
/// <param name="Number">An amount as a bare figure in the same unit as <paramref name="Describe"/>.</param>
internal sealed record QuotaKind(string Name, Func<QuotaDemand, long> Of, Func<long, string> Describe, Func<long, string> Number)
{
    /// <summary>vCPUs (Nova <c>cores</c>).</summary>
    public static QuotaKind Cores { get; } = new("cores", d => d.Cores, n => Count(n, "core", "cores"), Plain);

    /// <summary>RAM (Nova <c>ram</c>, in MB; said in GB because flavors and crd_quota speak GB).</summary>
    public static QuotaKind Ram { get; } = new("ram_gb", d => d.RamMb, n => Gigabytes(n) + " of RAM", Gigabytes);

    /// <summary>Servers (Nova <c>instances</c>).</summary>
    public static QuotaKind Instances { get; } = new("instances", d => d.Instances, n => Count(n, "instance", "instances"), Plain);

    /// <summary>Floating IPs (Neutron <c>floatingip</c>).</summary>
    public static QuotaKind FloatingIps { get; } = new("floating_ips", d => d.FloatingIps, n => Count(n, "floating IP", "floating IPs"), Plain);

    /// <summary>Volumes (Cinder <c>volumes</c>).</summary>
    public static QuotaKind Volumes { get; } = new("volumes", d => d.Volumes, n => Count(n, "volume", "volumes"), Plain);

    /// <summary>Block storage (Cinder <c>gigabytes</c>).</summary>
    public static QuotaKind Storage { get; } = new("storage_gb", d => d.Gigabytes, n => n + " GB of volume storage", n => n + " GB");

    /// <summary>Kubernetes clusters (Magnum's per-project cluster quota).</summary>
    public static QuotaKind K8sClusters { get; } = new("k8s_clusters", d => d.K8sClusters, n => Count(n, "Kubernetes cluster", "Kubernetes clusters"), Plain);

    /// <summary>Every dimension, in the order diagnostics and <c>crd_sites</c> list them.</summary>
    public static IReadOnlyList<QuotaKind> All { get; } = [Cores, Ram, Instances, FloatingIps, Volumes, Storage, K8sClusters];

    private static string Plain(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Count(long n, string one, string many) => Plain(n) + " " + (n == 1 ? one : many);

    private static string Gigabytes(long megabytes)
        => megabytes % 1024 == 0
            ? Plain(megabytes / 1024) + " GB"
            : (megabytes / 1024.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " GB";
}
