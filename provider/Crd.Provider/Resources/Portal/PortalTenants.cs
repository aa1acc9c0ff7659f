using System.Collections.Concurrent;
using Crd.Cloud;
using Crd.Cloud.Identity;
using Crd.Cloud.Portal;

namespace Crd.Provider.Resources.Portal;

/// <summary>
/// Where the tenants of portal projects are: per project, its marketplace resources on the tenant
/// offerings (one per site), read once per provider process and read again after a change, and one
/// <see cref="SiteSession"/> per (site, project) that signs in as the tenant's service user. The
/// tenant's password is read from the portal at each authentication and kept nowhere else.
/// </summary>
internal sealed class PortalTenants(WaldurClient portal, Func<string, SiteCredentials?> siteCredentials, CloudOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<PortalTenant>>>> _byProject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Site, string Project), Lazy<SiteSession>> _sessions = new();
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _plannedSites = new(StringComparer.Ordinal);

    public WaldurClient Portal => portal;

    /// <summary>The live tenants of a project (not terminated, not erred before creation), by site.</summary>
    public async Task<IReadOnlyList<PortalTenant>> ListAsync(string projectUuid, CancellationToken cancellationToken)
    {
        var entry = _byProject.GetOrAdd(projectUuid, uuid => new Lazy<Task<IReadOnlyList<PortalTenant>>>(() => ReadAsync(uuid)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _byProject.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<PortalTenant>>>>(projectUuid, entry));
            throw;
        }
    }

    /// <summary>The live tenant of a project on a site, or null.</summary>
    public async Task<PortalTenant?> FindAsync(string projectUuid, string site, CancellationToken cancellationToken)
        => (await ListAsync(projectUuid, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Site == site);

    /// <summary>Forgets what was read of a project (after ordering or terminating a tenant).</summary>
    public void Invalidate(string projectUuid) => _byProject.TryRemove(projectUuid, out _);

    /// <summary>
    /// Records the sites a <c>crd_project</c> plan gives the project, so that resources planned
    /// after it (they reference its id) may name a site whose tenant this run creates.
    /// </summary>
    public void PlanSites(string projectUuid, IReadOnlySet<string> sites) => _plannedSites[projectUuid] = sites;

    /// <summary>The sites planned for a project in this process, or null.</summary>
    public IReadOnlySet<string>? PlannedSites(string projectUuid) => _plannedSites.TryGetValue(projectUuid, out var sites) ? sites : null;

    /// <summary>The session that acts in the project's tenant on <paramref name="site"/>; null when the site is not configured.</summary>
    public SiteSession? SessionOf(string site, string projectUuid)
    {
        if (siteCredentials(site) is not { } credentials)
        {
            return null;
        }

        return _sessions.GetOrAdd((site, projectUuid), key => new Lazy<SiteSession>(() =>
            new SiteSession(credentials, ct => PasswordAsync(key.Site, key.Project, ct), options))).Value;
    }

    /// <summary>HTTP requests sent by the tenant sessions so far.</summary>
    public long RequestCount => _sessions.Values.Where(s => s.IsValueCreated).Sum(s => s.Value.RequestCount);

    public void Dispose()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated))
        {
            session.Value.Dispose();
        }
    }

    private async Task<PasswordCredentials> PasswordAsync(string site, string projectUuid, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(projectUuid, site, cancellationToken).ConfigureAwait(false);
        if (tenant?.Resource.TenantUuid is not { } tenantUuid || tenant.Resource.BackendId is null)
        {
            Invalidate(projectUuid);
            // A 404: the object's project is gone, so is the object (a refresh drops it from state).
            throw new CloudApiException(site, "portal", HttpMethod.Get, "/marketplace-resources/", 404, "itemNotFound",
                $"portal project {projectUuid} has no tenant on site {site} (add the site to the crd_project's `sites`)");
        }

        var details = await portal.GetTenantAsync(tenantUuid, cancellationToken).ConfigureAwait(false);
        if (details.UserName is null || details.UserPassword is null)
        {
            throw new CloudException($"the portal does not give the credentials of tenant {tenant.Resource.Name} on site {site} (its token may lack the rights to see them)");
        }

        return new PasswordCredentials(details.AccessUrl, details.UserName, details.UserPassword, details.BackendId ?? tenant.Resource.BackendId);
    }

    private async Task<IReadOnlyList<PortalTenant>> ReadAsync(string projectUuid)
    {
        // Shared by every caller: runs detached from any one caller's token.
        var offerings = await portal.ListTenantOfferingsAsync(CancellationToken.None).ConfigureAwait(false);
        var resources = await portal.ListProjectResourcesAsync(projectUuid, CancellationToken.None).ConfigureAwait(false);
        var tenants = new List<PortalTenant>();
        foreach (var resource in resources.Where(r => !r.IsGone))
        {
            if (offerings.FirstOrDefault(o => o.Uuid == resource.OfferingUuid) is { } offering && tenants.TrueForAll(t => t.Site != offering.Site))
            {
                tenants.Add(new PortalTenant(offering.Site, offering, resource));
            }
        }

        return tenants;
    }
}
