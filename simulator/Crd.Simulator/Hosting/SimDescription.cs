namespace Crd.Simulator.Hosting;

/// <summary>
/// What <c>crd-sim up</c> prints and writes into the data directory: endpoints, clouds.yaml entries
/// and the <c>provider "crd"</c> block. Modules fill it in <see cref="ISimModule.Describe"/>.
/// </summary>
public sealed class SimDescription(string baseUrl)
{
    /// <summary>Base URL of the simulator, e.g. <c>http://127.0.0.1:8480</c>.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>Endpoint lines: label and URL.</summary>
    public List<(string Label, string Url)> Endpoints { get; } = [];

    /// <summary>Top-level attributes of the provider block, in order (string values).</summary>
    public List<(string Key, string Value)> ProviderSettings { get; } = [];

    /// <summary>Per-site attributes of the provider block's <c>site</c> blocks.</summary>
    public SortedDictionary<string, List<(string Key, string Value)>> SiteSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>clouds.yaml entries: cloud name -> ordered auth/settings pairs (flat; auth keys prefixed "auth.").</summary>
    public SortedDictionary<string, List<(string Key, string Value)>> Clouds { get; } = new(StringComparer.Ordinal);

    /// <summary>The settings list of <paramref name="site"/>'s block (created on first use).</summary>
    public List<(string Key, string Value)> Site(string site)
    {
        if (!SiteSettings.TryGetValue(site, out var settings))
        {
            settings = [("name", site)];
            SiteSettings[site] = settings;
        }
        return settings;
    }
}
