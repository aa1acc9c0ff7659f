using System.Collections.Concurrent;
using Crd.Cloud;
using Crd.Cloud.Onedata;
using Crd.Cloud.Portal;
using Crd.Provider.Configuration;
using Crd.Provider.Quota;
using Crd.Provider.Resources.Portal;
using Crd.Terraform.Plugin.Logging;

namespace Crd.Provider;

/// <summary>
/// What resources and data sources receive as provider data: the resolved settings, one
/// <see cref="SiteSession"/> per configured site (created on first use, so that an unreachable
/// site costs nothing until a resource names it), the Waldur portal client and the tenants of
/// portal projects when <c>portal_url</c> is set, the Onezone client and each site's Onepanel
/// client (when configured), and the plan-time quota ledger.
/// </summary>
internal sealed class ProviderContext : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SiteSession>> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<OnepanelClient>> _onepanels = new(StringComparer.Ordinal);
    private readonly Lazy<OnezoneClient?> _onezone;
    private readonly CloudOptions _options;
    private readonly Func<SiteCredentials, CloudOptions, SiteSession> _sessionFactory;

    public ProviderContext(ProviderSettings settings, Func<SiteCredentials, CloudOptions, SiteSession>? sessionFactory = null)
    {
        Settings = settings;
        _options = new CloudOptions
        {
            MaxRetries = settings.MaxRetries,
            Log = message => PluginLogger.Instance.Debug(message),
        };
        _sessionFactory = sessionFactory ?? ((credentials, options) => new SiteSession(credentials, options));
        Quota = new QuotaLedger();
        if (settings.PortalUrl is { } portalUrl && settings.PortalToken is { } portalToken)
        {
            var portal = new WaldurClient(new WaldurOptions(portalUrl, portalToken), _options);
            Tenants = new PortalTenants(portal, site => Settings.FindSite(site) is { } configured ? Credentials(configured) : null, _options);
        }

        _onezone = new Lazy<OnezoneClient?>(() => settings.OnezoneUrl is { } url && settings.OnezoneToken is { } token
            ? new OnezoneClient(new OnedataConnection("onezone", "onezone", url, token, _options))
            : null);
    }

    public ProviderSettings Settings { get; }

    public QuotaLedger Quota { get; }

    /// <summary>The portal's tenants (and its client, <see cref="PortalTenants.Portal"/>); null without <c>portal_url</c>.</summary>
    public PortalTenants? Tenants { get; }

    /// <summary>The Waldur client; null without <c>portal_url</c>.</summary>
    public WaldurClient? Portal => Tenants?.Portal;

    /// <summary>Names of the configured sites, in configuration order.</summary>
    public IReadOnlyList<string> SiteNames => [.. Settings.Sites.Select(s => s.Name)];

    /// <summary>The session of a configured site, or null when no such site is configured.</summary>
    public SiteSession? TryGetSession(string site)
    {
        if (Settings.FindSite(site) is not { } configured)
        {
            return null;
        }

        return _sessions.GetOrAdd(site, _ => new Lazy<SiteSession>(() => _sessionFactory(Credentials(configured), _options))).Value;
    }

    /// <summary>The Onezone client, or null when the provider block sets no <c>onezone_url</c>/<c>onezone_token</c>.</summary>
    public OnezoneClient? Onezone => _onezone.Value;

    /// <summary>The Onepanel client of a configured site with <c>onepanel_url</c> and <c>onepanel_token</c>, or null.</summary>
    public OnepanelClient? TryGetOnepanel(string site)
    {
        if (Settings.FindSite(site) is not { OnepanelUrl: { } url, OnepanelToken: { } token })
        {
            return null;
        }

        return _onepanels.GetOrAdd(site, _ => new Lazy<OnepanelClient>(() => new OnepanelClient(new OnedataConnection(site, "onepanel", url, token, _options)))).Value;
    }

    /// <summary>HTTP requests sent to every site so far (benchmarks, logs).</summary>
    public long RequestCount => _sessions.Values.Where(s => s.IsValueCreated).Sum(s => s.Value.RequestCount) + (Tenants?.RequestCount ?? 0) + (Portal?.RequestCount ?? 0);

    /// <summary>
    /// A session of the site's admin credential (<c>admin_cloud</c> or <c>admin_application_credential_*</c>
    /// in the site block), for quota changes; null when the site has none.
    /// </summary>
    public SiteSession? TryGetAdminSession(string site)
    {
        if (Settings.FindSite(site) is not { AdminApplicationCredentialId: { } id, AdminApplicationCredentialSecret: { } secret } configured)
        {
            return null;
        }

        return _sessions.GetOrAdd(site + "\u0000admin", _ => new Lazy<SiteSession>(() => _sessionFactory(Credentials(configured) with
        {
            AuthUrl = configured.AdminAuthUrl ?? configured.AuthUrl,
            ApplicationCredentialId = id,
            ApplicationCredentialSecret = secret,
        }, _options))).Value;
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated))
        {
            session.Value.Dispose();
        }

        Tenants?.Dispose();
        Portal?.Dispose();

        foreach (var panel in _onepanels.Values.Where(p => p.IsValueCreated))
        {
            panel.Value.Connection.Dispose();
        }

        if (_onezone.IsValueCreated)
        {
            _onezone.Value?.Connection.Dispose();
        }
    }

    private static SiteCredentials Credentials(SiteSettings site) => new(
        site.Name, site.AuthUrl, site.Region, site.ApplicationCredentialId, site.ApplicationCredentialSecret, site.CaCertFile, site.Insecure);
}
