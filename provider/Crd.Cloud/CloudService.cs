namespace Crd.Cloud;

/// <summary>
/// An OpenStack service as found in the Keystone catalog: the catalog types that may name it,
/// the version path clients append to unversioned endpoints, and its microversion headers.
/// </summary>
/// <param name="Name">Short name used in messages and in <c>OpenStack-API-Version: &lt;name&gt; X.Y</c>.</param>
/// <param name="CatalogTypes">Catalog <c>type</c> values, in order of preference.</param>
/// <param name="VersionPath">Appended when the catalog URL has no version (Neutron <c>/v2.0</c>, Glance <c>/v2</c>).</param>
/// <param name="LegacyMicroversionHeader">Older per-service microversion header, sent alongside the generic one.</param>
public sealed record CloudService(string Name, IReadOnlyList<string> CatalogTypes, string VersionPath, string? LegacyMicroversionHeader)
{
    /// <summary>Nova.</summary>
    public static CloudService Compute { get; } = new("compute", ["compute"], "", "X-OpenStack-Nova-API-Version");

    /// <summary>Cinder v3 (catalog URL ends with the project id).</summary>
    public static CloudService Volume { get; } = new("volume", ["volumev3", "block-storage", "volume"], "", "X-OpenStack-Volume-API-Version");

    /// <summary>Neutron (no microversions).</summary>
    public static CloudService Network { get; } = new("network", ["network"], "/v2.0", null);

    /// <summary>Glance v2.</summary>
    public static CloudService Image { get; } = new("image", ["image"], "/v2", null);

    /// <summary>Magnum.</summary>
    public static CloudService ContainerInfra { get; } = new("container-infra", ["container-infra"], "", null);

    /// <summary>Every service the provider knows, for <c>crd_sites</c>.</summary>
    public static IReadOnlyList<CloudService> All { get; } = [Compute, Volume, Network, Image, ContainerInfra];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
