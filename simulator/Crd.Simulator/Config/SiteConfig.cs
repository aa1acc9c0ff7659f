namespace Crd.Simulator.Config;

/// <summary>One site of the federation and what it offers.</summary>
public sealed class SiteConfig
{
    /// <summary>Site name, used in URLs (<c>/sites/&lt;name&gt;/...</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Keystone region name of the site.</summary>
    public string Region { get; set; } = "RegionOne";

    /// <summary>Services: compute, volume, network, image, k8s, onedata.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>Flavors offered.</summary>
    public List<FlavorConfig> Flavors { get; set; } = [];

    /// <summary>Public images.</summary>
    public List<ImageConfig> Images { get; set; } = [];

    /// <summary>Volume types; the first one is the default.</summary>
    public List<VolumeTypeConfig> VolumeTypes { get; set; } = [];

    /// <summary>Default quota of every project of the site.</summary>
    public QuotaConfig Quota { get; set; } = new();

    /// <summary>Physical capacity of the site (beyond it, builds fail with "No valid host").</summary>
    public CapacityConfig Capacity { get; set; } = new();

    /// <summary>Prices shown by the dashboard and the portal.</summary>
    public PriceConfig Prices { get; set; } = new();

    /// <summary>CIDR of the external network <c>public</c> (floating IPs come from it).</summary>
    public string PublicCidr { get; set; } = "172.24.4.0/24";

    /// <summary>CIDR of each project's network <c>private</c>.</summary>
    public string PrivateCidr { get; set; } = "10.0.0.0/24";

    /// <summary>True when the site offers <paramref name="service"/>.</summary>
    public bool Offers(string service) => Services.Contains(service, StringComparer.Ordinal);

    /// <summary>True when the site runs OpenStack (has a Keystone).</summary>
    public bool HasOpenStack => Offers("compute") || Offers("volume") || Offers("network") || Offers("image");
}
