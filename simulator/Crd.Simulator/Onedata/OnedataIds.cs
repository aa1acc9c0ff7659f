using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Onedata;

/// <summary>Seeded identities of the Onedata module (all derived from the configuration seed).</summary>
public static class OnedataIds
{
    /// <summary>Name of the seeded Onezone user.</summary>
    public const string DemoUser = "demo";

    /// <summary>The seeded user's id.</summary>
    public static string UserId(SimRuntime runtime) => runtime.DeriveId("onezone", "user", DemoUser);

    /// <summary>The seeded user's access token.</summary>
    public static string UserToken(SimRuntime runtime) => "MDAx" + runtime.DeriveSecret("onezone", "access-token", DemoUser);

    /// <summary>The Oneprovider id of a site.</summary>
    public static string ProviderId(SimRuntime runtime, string site) => runtime.DeriveId("onedata", "provider", site);

    /// <summary>The id of the site's <c>posix</c> storage.</summary>
    public static string StorageId(SimRuntime runtime, string site) => runtime.DeriveId("onedata", "storage", site, "posix");

    /// <summary>The Onepanel admin token of a site.</summary>
    public static string OnepanelToken(SimRuntime runtime, string site) => "MDAx" + runtime.DeriveSecret("onepanel", "token", site);

    /// <summary>The site whose provider id this is, or null.</summary>
    public static string? SiteOfProvider(SimRuntime runtime, string providerId) =>
        runtime.Config.Sites.Where(s => s.Offers("onedata")).Select(s => s.Name).FirstOrDefault(s => ProviderId(runtime, s) == providerId);

    /// <summary>The token of the request: <c>X-Auth-Token</c> or <c>Authorization: Bearer</c>.</summary>
    public static string? RequestToken(HttpContext ctx)
    {
        var header = ctx.Request.Headers["X-Auth-Token"].ToString();
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }
        var authorization = ctx.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
