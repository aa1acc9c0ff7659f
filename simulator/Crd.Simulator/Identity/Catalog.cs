using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.Identity;

/// <summary>
/// The service catalog of a site, as Keystone returns it in a token. URLs follow the real
/// services' conventions: Nova's includes <c>/v2.1</c>, Cinder's ends with the project id,
/// Neutron's and Glance's are unversioned (clients append <c>v2.0</c> / <c>v2</c>).
/// </summary>
public static class Catalog
{
    /// <summary>The catalog for a token scoped to <paramref name="projectId"/> at <paramref name="site"/>.</summary>
    public static JsonArray Build(SimRuntime runtime, string baseUrl, SiteConfig site, string projectId)
    {
        var root = baseUrl + "/sites/" + site.Name;
        var catalog = new JsonArray { Entry(runtime, site, "identity", "keystone", root + "/identity/v3") };
        if (site.Offers("compute"))
        {
            catalog.Add(Entry(runtime, site, "compute", "nova", root + "/compute/v2.1"));
        }
        if (site.Offers("volume"))
        {
            catalog.Add(Entry(runtime, site, "volumev3", "cinderv3", root + "/volume/v3/" + projectId));
            catalog.Add(Entry(runtime, site, "block-storage", "cinder", root + "/volume/v3/" + projectId));
        }
        if (site.Offers("network"))
        {
            catalog.Add(Entry(runtime, site, "network", "neutron", root + "/network"));
        }
        if (site.Offers("image"))
        {
            catalog.Add(Entry(runtime, site, "image", "glance", root + "/image"));
        }
        if (site.Offers("k8s"))
        {
            catalog.Add(Entry(runtime, site, "container-infra", "magnum", root + "/container-infra/v1"));
        }
        return catalog;
    }

    private static JsonObject Entry(SimRuntime runtime, SiteConfig site, string type, string name, string url) => new()
    {
        ["id"] = runtime.DeriveId(site.Name, "service", type),
        ["type"] = type,
        ["name"] = name,
        ["endpoints"] = new JsonArray
        {
            new JsonObject
            {
                ["id"] = runtime.DeriveId(site.Name, "endpoint", type, "public"),
                ["interface"] = "public",
                ["region"] = site.Region,
                ["region_id"] = site.Region,
                ["url"] = url,
            },
        },
    };
}
