namespace Crd.Provider.Quota;

/// <summary>
/// What a planned change consumes (positive) or frees (negative) of a project's quotas on a site.
/// RAM in MiB as Nova counts it.
/// </summary>
internal sealed record QuotaDemand(long Cores, long RamMb, long Instances, long FloatingIps, long Volumes, long Gigabytes)
{
    public static QuotaDemand Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Magnum clusters (the <c>k8s_clusters</c> quota), an init-only member so that every positional use stays valid.</summary>
    public long K8sClusters { get; init; }

    public bool IsZero => this == Zero;

    public static QuotaDemand operator +(QuotaDemand a, QuotaDemand b) =>
        new(a.Cores + b.Cores, a.RamMb + b.RamMb, a.Instances + b.Instances, a.FloatingIps + b.FloatingIps, a.Volumes + b.Volumes, a.Gigabytes + b.Gigabytes) { K8sClusters = a.K8sClusters + b.K8sClusters };

    public static QuotaDemand operator -(QuotaDemand a, QuotaDemand b) =>
        new(a.Cores - b.Cores, a.RamMb - b.RamMb, a.Instances - b.Instances, a.FloatingIps - b.FloatingIps, a.Volumes - b.Volumes, a.Gigabytes - b.Gigabytes) { K8sClusters = a.K8sClusters - b.K8sClusters };

    public static QuotaDemand operator -(QuotaDemand a) => Zero - a;
}
