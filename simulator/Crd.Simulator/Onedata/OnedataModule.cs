using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Onedata;

/// <summary>
/// Onedata: Onezone at <c>/onezone/api/v3/onezone</c> (one seeded user token) and a Onepanel per
/// site offering <c>onedata</c> at <c>/sites/&lt;site&gt;/onepanel/api/v3/onepanel</c> (per-site token,
/// storage <c>posix</c>).
/// </summary>
public sealed class OnedataModule : ISimModule
{
    /// <inheritdoc/>
    public string Name => "onedata";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<Space>();
        registry.Register<SpaceSupport>();
        registry.Register<OnezoneToken>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("onepanel", s => s.Offers("onedata"), KeystoneAuth: false));
        runtime.Errors.Register("onezone", OnedataErrors.Render);
        runtime.Errors.Register("onepanel", OnedataErrors.Render);
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        // Users, providers and storages derive from the seed; spaces start empty.
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        OnezoneRoutes.Map(routes, runtime);
        OnepanelRoutes.Map(routes, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
        var onezone = description.BaseUrl + "/onezone";
        description.Endpoints.Add(("onezone", onezone + "/api/v3/onezone"));
        description.Endpoints.Add(("onezone user token", OnedataIds.UserToken(runtime)));
        description.ProviderSettings.Add(("onezone_url", onezone));
        description.ProviderSettings.Add(("onezone_token", OnedataIds.UserToken(runtime)));
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("onedata")))
        {
            var url = description.BaseUrl + "/sites/" + site.Name + "/onepanel";
            description.Endpoints.Add(($"{site.Name} onepanel", url + "/api/v3/onepanel"));
            description.Endpoints.Add(($"{site.Name} onepanel token", OnedataIds.OnepanelToken(runtime, site.Name)));
            // Storage-only sites have no OpenStack block to attach the Onepanel settings to.
            if (site.HasOpenStack)
            {
                var block = description.Site(site.Name);
                block.Add(("onepanel_url", url));
                block.Add(("onepanel_token", OnedataIds.OnepanelToken(runtime, site.Name)));
            }
        }
    }
}
