using Crd.Cloud;
using Crd.Cloud.Portal;
using Crd.Cloud.Quota;

namespace Crd.Provider.Resources.Portal;

/// <summary>
/// The project a <c>crd_quota</c> governs on one site and how to read and change its limits: a
/// portal project's tenant (limits through Waldur's <c>update_limits</c> order, figures from the
/// portal) or the credentials' own project (the services' quota APIs, admin credential).
/// </summary>
internal sealed class QuotaTarget(string site, SiteSession session, string projectId, string projectLabel, PortalTenant? tenant, PortalTenants? tenants, SiteSession? admin)
{
    /// <summary>The dimensions, in the order of the schema: name, Waldur component (and its unit factor), Waldur tenant quota name.</summary>
    public static readonly (string Name, string? Component, long ComponentFactor, string? TenantQuota, long TenantFactor)[] Keys =
    [
        ("cores", "cores", 1, "vcpu", 1),
        ("ram_gb", "ram", 1024, "ram", 1024),
        ("instances", null, 1, "instances", 1),
        ("volumes", null, 1, "volumes", 1),
        ("storage_gb", "storage", 1024, "storage", 1024),
        ("floating_ips", null, 1, "floating_ip_count", 1),
        ("k8s_clusters", null, 1, null, 1),
    ];

    public string Site => site;

    /// <summary>The session the quota ledger reads the project with.</summary>
    public SiteSession Session => session;

    /// <summary>The OpenStack project id.</summary>
    public string ProjectId => projectId;

    /// <summary>How messages name the project.</summary>
    public string Label => projectLabel;

    public bool IsPortal => tenant is not null;

    public bool HasAdmin => admin is not null;

    /// <summary>Why <paramref name="name"/> cannot be managed here, or null when it can.</summary>
    public string? WhyNotManageable(string name)
    {
        var key = Keys.First(k => k.Name == name);
        if (name == "k8s_clusters")
        {
            return $"The cluster quota (Magnum's) cannot be changed by crd_quota yet; ask the operators of site \"{site}\" to change it.";
        }

        if (IsPortal && key.Component is not null)
        {
            return null;
        }

        return admin is not null ? null
            : IsPortal
                ? $"The portal's tenant offering governs only cores, ram_gb and storage_gb; `{name}` of project {projectLabel} on site \"{site}\" needs an admin credential of the site: set `admin_cloud` (crd-sim's clouds.yaml has `crd-{site}-admin`) or `admin_application_credential_id`/`_secret` in its `site` block."
                : $"Changing the quotas of project {projectLabel} on site \"{site}\" needs an admin credential of the site: set `admin_cloud` (crd-sim's clouds.yaml has `crd-{site}-admin`) or `admin_application_credential_id`/`_secret` in its `site` block.";
    }

    /// <summary>Limits and usage by dimension, in the schema's units (GB for RAM and storage).</summary>
    public async Task<IReadOnlyDictionary<string, (long Limit, long Usage)>> ReadAsync(CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        if (tenant is not null && tenants is not null && tenant.Resource.TenantUuid is { } tenantUuid)
        {
            var details = await tenants.Portal.GetTenantAsync(tenantUuid, cancellationToken).ConfigureAwait(false);
            foreach (var key in Keys.Where(k => k.TenantQuota is not null))
            {
                if (details.Quotas.TryGetValue(key.TenantQuota!, out var q))
                {
                    figures[key.Name] = (Scale(q.Limit, key.TenantFactor), Scale(q.Usage, key.TenantFactor));
                }
            }

            return figures;
        }

        var quota = await new QuotaClient(session).GetAsync(projectId, cancellationToken).ConfigureAwait(false);
        void Put(string name, QuotaUsage? usage, long factor)
        {
            if (usage is { } u)
            {
                figures[name] = (Scale(u.Limit, factor), Scale(u.InUse, factor));
            }
        }

        Put("cores", quota.Cores, 1);
        Put("ram_gb", quota.RamMb, 1024);
        Put("instances", quota.Instances, 1);
        Put("volumes", quota.Volumes, 1);
        Put("storage_gb", quota.Gigabytes, 1);
        Put("floating_ips", quota.FloatingIps, 1);
        return figures;
    }

    /// <summary>Sets the given limits (schema units): components through a Waldur order, the rest with the admin credential.</summary>
    public async Task SetAsync(IReadOnlyDictionary<string, long> limits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var rest = new Dictionary<string, long>(limits, StringComparer.Ordinal);
        if (tenant is not null && tenants is not null)
        {
            var components = Keys.Where(k => k.Component is not null && limits.ContainsKey(k.Name)).ToList();
            if (components.Count > 0)
            {
                // Waldur replaces the limits of an order as a whole: send every component, the unchanged ones as they are.
                var resource = await tenants.Portal.GetResourceAsync(tenant.Resource.Uuid, cancellationToken).ConfigureAwait(false);
                var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
                var body = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var key in Keys.Where(k => k.Component is not null))
                {
                    if (limits.TryGetValue(key.Name, out var value))
                    {
                        body[key.Component!] = value * key.ComponentFactor;
                    }
                    else if (resource.Limits.TryGetValue(key.Component!, out var kept))
                    {
                        body[key.Component!] = kept;
                    }
                    else if (current.TryGetValue(key.Name, out var read) && read.Limit >= 0)
                    {
                        body[key.Component!] = read.Limit * key.ComponentFactor;
                    }

                    rest.Remove(key.Name);
                }

                var order = await tenants.Portal.UpdateLimitsAsync(tenant.Resource.Uuid, body, cancellationToken).ConfigureAwait(false);
                await tenants.Portal.WaitForOrderAsync(order, $"the new limits of project {projectLabel} on site {site}", timeout, cancellationToken).ConfigureAwait(false);
                tenants.Invalidate(tenant.Resource.ProjectUuid);
            }
        }

        rest.Remove("k8s_clusters");
        if (rest.Count == 0)
        {
            return;
        }

        if (admin is null)
        {
            throw new CloudException(WhyNotManageable(rest.Keys.First()) ?? "no admin credential");
        }

        long? Get(string name, long factor = 1) => rest.TryGetValue(name, out var v) ? v < 0 ? -1 : v * factor : null;
        await new QuotaAdminClient(admin).SetAsync(projectId, Get("cores"), Get("ram_gb", 1024), Get("instances"), Get("volumes"), Get("storage_gb"), Get("floating_ips"), cancellationToken).ConfigureAwait(false);
    }

    private static long Scale(long value, long factor) => value < 0 ? -1 : factor == 1 ? value : (value + factor - 1) / factor;
}
