using Crd.Simulator.Config;
using Crd.Simulator.Identity;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.Hosting;

/// <summary>Per-request facts set by <see cref="SiteGateMiddleware"/>.</summary>
public static class RequestContext
{
    internal const string TokenKey = "crd.token";
    internal const string SiteKey = "crd.site";

    /// <summary>The validated token (the gate ran for a Keystone-protected service).</summary>
    public static TokenInfo Token(this HttpContext context) =>
        context.Items.TryGetValue(TokenKey, out var value) && value is TokenInfo token ? token : throw TokenService.Unauthorized();

    /// <summary>The site addressed by <c>/sites/&lt;site&gt;/...</c>.</summary>
    public static SiteConfig SiteConfig(this HttpContext context) =>
        context.Items.TryGetValue(SiteKey, out var value) && value is SiteConfig site ? site : throw ApiException.NotFound("Unknown site.");

    /// <summary>Scheme and host the client used, e.g. <c>http://127.0.0.1:8480</c> (for links and catalogs).</summary>
    public static string BaseUrl(this HttpContext context) => context.Request.Scheme + "://" + context.Request.Host.Value;
}
