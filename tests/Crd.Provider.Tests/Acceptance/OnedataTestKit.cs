using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// Shared steps of the Onedata acceptance tests: crd-sim's Onezone and Onepanel credentials (read
/// from the provider.tf it printed), provider blocks with and without Onepanel per site,
/// <c>crd_onedata_space</c> configurations, and what Onezone and the Onepanels hold.
/// </summary>
internal static partial class OnedataTestKit
{
    public const string SpaceAddress = "crd_onedata_space.data";
    public const long Gib = 1_073_741_824L;

    /// <summary>Onezone URL and user token, and each site's Onepanel URL and token, as crd-sim printed them.</summary>
    public static OnedataCredentials Credentials(CrdSim sim)
    {
        var text = File.ReadAllText(Path.Combine(sim.DataDirectory, "provider.tf"));
        var panels = new Dictionary<string, (string Url, string Token)>(StringComparer.Ordinal);
        foreach (var block in text.Split("site {").Skip(1))
        {
            if (Setting(block, "onepanel_url") is { } url && Setting(block, "onepanel_token") is { } token)
            {
                panels[Setting(block, "name")!] = (url, token);
            }
        }

        return new OnedataCredentials(Setting(text, "onezone_url")!, Setting(text, "onezone_token")!, panels);
    }

    /// <summary>
    /// A provider block with one tenant per site; sites in <paramref name="withOnepanel"/> get their
    /// Onepanel credentials (crd-sim's derived tokens are the same for every tenant of a site).
    /// </summary>
    public static Dictionary<string, object?> ZoneProvider(CrdSim sim, IEnumerable<SimTenant> tenants, params string[] withOnepanel)
    {
        var credentials = Credentials(sim);
        var block = CrdSim.ProviderBlock([.. tenants]);
        block["onezone_url"] = credentials.OnezoneUrl;
        block["onezone_token"] = credentials.OnezoneToken;
        block["site"] = ((Dictionary<string, object?>[])block["site"]!).Select(site =>
        {
            if (withOnepanel.Contains((string)site["name"]!))
            {
                site["onepanel_url"] = credentials.Onepanels[(string)site["name"]!].Url;
                site["onepanel_token"] = credentials.Onepanels[(string)site["name"]!].Token;
            }

            return site;
        }).ToArray();
        return block;
    }

    public static Dictionary<string, object?> SupportBlock(string site, long sizeGb, string? storageId = null)
    {
        var support = new Dictionary<string, object?> { ["site"] = site, ["size_gb"] = sizeGb };
        if (storageId is not null)
        {
            support["storage_id"] = storageId;
        }

        return support;
    }

    public static Dictionary<string, object?> Space(string name, bool protect = false, params Dictionary<string, object?>[] supports) => new()
    {
        ["name"] = name,
        ["deletion_protection"] = protect,
        ["support"] = supports,
    };

    public static TerraformConfiguration Config(Dictionary<string, object?> provider, Dictionary<string, object?> space) => new()
    {
        Provider = provider,
        Resources = [new ResourceConfig("crd_onedata_space", "data", space)],
    };

    /// <summary>The space as crd-sim's Onezone holds it, or null.</summary>
    public static async Task<JsonObject?> SpaceAsync(CrdSim sim, string id) =>
        (await sim.ListObjectsAsync("onedata.spaces")).FirstOrDefault(s => s["Id"]?.GetValue<string>() == id);

    /// <summary>Supports of the space at every site: site to bytes.</summary>
    public static async Task<Dictionary<string, long>> SupportsAsync(CrdSim sim, string spaceId) =>
        (await sim.ListObjectsAsync("onedata.supports")).Where(s => s["SpaceId"]?.GetValue<string>() == spaceId)
            .ToDictionary(s => s["Site"]!.GetValue<string>(), s => s["SizeBytes"]!.GetValue<long>());

    /// <summary>Onezone tokens issued for the space (support invitations).</summary>
    public static async Task<IReadOnlyList<JsonObject>> TokensAsync(CrdSim sim, string spaceId) =>
        [.. (await sim.ListObjectsAsync("onedata.tokens")).Where(t => t["SpaceId"]?.GetValue<string>() == spaceId)];

    /// <summary>A site's administrators use a support token in their Onepanel, as they would by hand.</summary>
    public static async Task<HttpResponseMessage> GrantAsAdminAsync(CrdSim sim, string site, string token, long sizeGb)
    {
        var (url, panelToken) = Credentials(sim).Onepanels[site];
        var storages = await SendAsync(sim, HttpMethod.Get, url + "/api/v3/onepanel/provider/storages", panelToken, null);
        var storage = JsonNode.Parse(await storages.Content.ReadAsStringAsync())!["ids"]![0]!.GetValue<string>();
        return await SendAsync(sim, HttpMethod.Post, url + "/api/v3/onepanel/provider/spaces", panelToken,
            new JsonObject { ["token"] = token, ["size"] = sizeGb * Gib, ["storageId"] = storage });
    }

    /// <summary>A call to a Onepanel or Onezone of crd-sim with a token, behind the provider's back.</summary>
    public static async Task<HttpResponseMessage> SendAsync(CrdSim sim, HttpMethod method, string url, string token, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Auth-Token", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await sim.Http.SendAsync(request);
    }

    public static JsonObject Element(JsonObject state, string site) =>
        state["support"]!.AsArray().OfType<JsonObject>().Single(s => s["site"]!.GetValue<string>() == site);

    private static string? Setting(string text, string name) =>
        Regex.Match(text, "(?m)^\\s*" + Regex.Escape(name) + "\\s*=\\s*\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>crd-sim's Onedata credentials.</summary>
internal sealed record OnedataCredentials(string OnezoneUrl, string OnezoneToken, IReadOnlyDictionary<string, (string Url, string Token)> Onepanels)
{
    public override string ToString() => $"onezone {OnezoneUrl}, onepanels {string.Join(", ", Onepanels.Keys)}";
}
