using Crd.Simulator.State;

namespace Crd.Simulator.Onedata;

/// <summary>Support of a space by one site's Oneprovider (id: <c>&lt;space&gt;@&lt;site&gt;</c>).</summary>
[SimCollection("onedata.supports")]
public sealed class SpaceSupport : Entity
{
    /// <summary>Space id.</summary>
    public string SpaceId { get; set; } = "";

    /// <summary>Provider id.</summary>
    public string ProviderId { get; set; } = "";

    /// <summary>Storage id.</summary>
    public string StorageId { get; set; } = "";

    /// <summary>Support size in bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The id of the support of <paramref name="spaceId"/> at <paramref name="site"/>.</summary>
    public static string IdFor(string spaceId, string site) => spaceId + "@" + site;
}
