using Crd.Simulator.Config;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Hosting;

/// <summary>
/// For <c>/sites/&lt;site&gt;/&lt;service&gt;/...</c>: 404 for unknown sites or services the site does
/// not offer, and Keystone token validation (401) for token-protected services.
/// </summary>
public sealed class SiteGateMiddleware(RequestDelegate next, SimRuntime runtime)
{
    /// <summary>Checks the request, then passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var target = ServicePath.Parse(context.Request.Path.Value ?? "/");
        if (target.Site is null)
        {
            await next(context);
            return;
        }
        SiteConfig site = runtime.Config.Site(target.Site) ?? throw ApiException.NotFound($"Site {target.Site} does not exist.");
        if (!runtime.SiteServices.TryGetValue(target.Service, out var service) || !service.IsOffered(site))
        {
            throw ApiException.NotFound($"Site {site.Name} does not offer the service '{target.Service}'.");
        }
        context.Items[RequestContext.SiteKey] = site;
        // Version documents are public, as in OpenStack (clients discover microversions before auth).
        if (service.KeystoneAuth && !(target.Rest == "/" && HttpMethods.IsGet(context.Request.Method)))
        {
            var token = context.Request.Headers["X-Auth-Token"].ToString();
            context.Items[RequestContext.TokenKey] = await runtime.Tokens.ValidateAsync(site.Name, token);
        }
        await next(context);
    }
}
