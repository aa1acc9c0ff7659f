using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.Portal;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Provider.Resources.Portal;

/// <summary>
/// What <c>crd_project</c> does with tenants: order one per added site (or resume the order of a
/// tenant already on its way), terminate the tenant of a removed site, and describe each tenant
/// for the <c>tenants</c> attribute. Orders of several sites run concurrently.
/// </summary>
internal sealed class ProjectTenantOrders(PortalTenants tenants)
{
    private WaldurClient Portal => tenants.Portal;

    /// <summary>
    /// Makes the project have a live tenant on every site of <paramref name="sites"/>. Returns the
    /// failures by site (the sites missing from it are done).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CloudException>> EnsureAsync(WaldurProject project, IEnumerable<string> sites, TimeSpan timeout, CancellationToken cancellationToken)
    {
        tenants.Invalidate(project.Uuid);
        var existing = await tenants.ListAsync(project.Uuid, cancellationToken).ConfigureAwait(false);
        var work = sites.Distinct(StringComparer.Ordinal).Select(async site =>
        {
            try
            {
                var tenant = existing.FirstOrDefault(t => t.Site == site);
                if (tenant is { Resource.State: "OK" or "Updating" })
                {
                    return (site, (CloudException?)null);
                }

                string orderUuid;
                if (tenant is not null)
                {
                    // A tenant ordered by an earlier run that did not finish (waiting for approval): resume its order.
                    var orders = await Portal.ListOrdersAsync(project.Uuid, tenant.Resource.Uuid, cancellationToken).ConfigureAwait(false);
                    orderUuid = orders.FirstOrDefault(o => o.Type == "Create" && !o.IsDone && !o.IsFailed)?.Uuid
                        ?? throw new CloudException($"tenant {tenant.Resource.Name} on site {site} is {tenant.Resource.State} and no order of it is running; see it in the portal");
                }
                else
                {
                    var offering = await Portal.TenantOfferingAsync(site, cancellationToken).ConfigureAwait(false);
                    orderUuid = (await Portal.OrderTenantAsync(project, offering, TenantName(project), $"Tenant of project {project.Name} (crd_project)", null, cancellationToken).ConfigureAwait(false)).Uuid;
                }

                await Portal.WaitForOrderAsync(orderUuid, $"the tenant of project {project.Name} on site {site}", timeout, cancellationToken).ConfigureAwait(false);
                return (site, null);
            }
            catch (CloudException e)
            {
                return (site, e);
            }
        });
        var results = await Task.WhenAll(work).ConfigureAwait(false);
        tenants.Invalidate(project.Uuid);
        return results.Where(r => r.Item2 is not null).ToDictionary(r => r.site, r => r.Item2!, StringComparer.Ordinal);
    }

    /// <summary>Terminates the project's tenants on <paramref name="sites"/> and waits; returns the failures by site.</summary>
    public async Task<IReadOnlyDictionary<string, CloudException>> TerminateAsync(string projectUuid, string projectName, IEnumerable<string> sites, TimeSpan timeout, CancellationToken cancellationToken)
    {
        tenants.Invalidate(projectUuid);
        var existing = await tenants.ListAsync(projectUuid, cancellationToken).ConfigureAwait(false);
        var wanted = sites.ToHashSet(StringComparer.Ordinal);
        var work = existing.Where(t => wanted.Contains(t.Site)).Select(async tenant =>
        {
            try
            {
                var orderUuid = tenant.Resource.State == "Terminating"
                    ? (await Portal.ListOrdersAsync(projectUuid, tenant.Resource.Uuid, cancellationToken).ConfigureAwait(false)).FirstOrDefault(o => o.Type == "Terminate" && !o.IsDone && !o.IsFailed)?.Uuid
                    : await TerminateOrCancelAsync(projectUuid, tenant, cancellationToken).ConfigureAwait(false);
                if (orderUuid is not null)
                {
                    await Portal.WaitForOrderAsync(orderUuid, $"the termination of the tenant of project {projectName} on site {tenant.Site}", timeout, cancellationToken).ConfigureAwait(false);
                }

                return (tenant.Site, (CloudException?)null);
            }
            catch (CloudException e)
            {
                return (tenant.Site, e);
            }
        });
        var results = await Task.WhenAll(work).ConfigureAwait(false);
        tenants.Invalidate(projectUuid);
        return results.Where(r => r.Item2 is not null).ToDictionary(r => r.Site, r => r.Item2!, StringComparer.Ordinal);
    }

    /// <summary>The <c>tenants</c> map: every live tenant of the project, by site.</summary>
    public async Task<CtyValue> DescribeAsync(string projectUuid, CtyValue prior, CancellationToken cancellationToken)
    {
        var live = await tenants.ListAsync(projectUuid, cancellationToken).ConfigureAwait(false);
        var priorEntries = prior.IsKnownAndNotNull ? prior.MapEntries : new Dictionary<string, CtyValue>();
        var entries = await Task.WhenAll(live.Select(async t =>
        {
            string? network = null;
            string? subnet = null;
            if (t.Resource.TenantUuid is { } tenantUuid && t.Resource.BackendId is not null)
            {
                var details = await Portal.GetTenantAsync(tenantUuid, cancellationToken).ConfigureAwait(false);
                network = details.InternalNetworkId;
                var before = priorEntries.TryGetValue(t.Site, out var p) ? p : null;
                subnet = before is not null && Text(before, "network_id") == network && Text(before, "project_id") == t.Resource.BackendId
                    ? Text(before, "subnet_id")
                    : network is null ? null : await SubnetOfAsync(t.Site, projectUuid, network, cancellationToken).ConfigureAwait(false);
            }

            return new KeyValuePair<string, CtyValue>(t.Site, CtyValue.Object(ProjectSchema.TenantType, new Dictionary<string, CtyValue>
            {
                ["project_id"] = Str(t.Resource.BackendId),
                ["network_id"] = Str(network),
                ["subnet_id"] = Str(subnet),
                ["state"] = Str(t.Resource.State),
                ["resource_id"] = Str(t.Resource.Uuid),
            }));
        })).ConfigureAwait(false);
        return CtyValue.Map(ProjectSchema.TenantType, entries.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>The sites whose tenant is ready (OK or changing its limits): what <c>sites</c> holds in state.</summary>
    public async Task<IReadOnlyList<string>> ReadySitesAsync(string projectUuid, CancellationToken cancellationToken)
        => [.. (await tenants.ListAsync(projectUuid, cancellationToken).ConfigureAwait(false)).Where(t => t.Resource.State is "OK" or "Updating").Select(t => t.Site).Order(StringComparer.Ordinal)];

    /// <summary>A Keystone project name unique per site: the project's name and the start of its uuid.</summary>
    public static string TenantName(WaldurProject project)
    {
        var name = new string([.. project.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return $"{(name.Length > 40 ? name[..40] : name)}-{project.Uuid[..8]}";
    }

    private async Task<string?> TerminateOrCancelAsync(string projectUuid, PortalTenant tenant, CancellationToken cancellationToken)
    {
        if (tenant.Resource.State == "Creating")
        {
            // Still waiting for approval: withdrawing the order is the termination.
            var pending = (await Portal.ListOrdersAsync(projectUuid, tenant.Resource.Uuid, cancellationToken).ConfigureAwait(false)).FirstOrDefault(o => o.State.StartsWith("pending", StringComparison.Ordinal));
            if (pending is not null)
            {
                await Portal.SendAsync(HttpMethod.Post, $"marketplace-orders/{pending.Uuid}/cancel/", new JsonObject(), cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        return await Portal.TerminateAsync(tenant.Resource.Uuid, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> SubnetOfAsync(string site, string projectUuid, string networkId, CancellationToken cancellationToken)
    {
        if (tenants.SessionOf(site, projectUuid) is not { } session)
        {
            return null; // The site is not in the provider block: the portal's view is all there is.
        }

        var response = await session.SendAsync(CloudRequest.Get(CloudService.Network, "/subnets?network_id=" + Uri.EscapeDataString(networkId)), cancellationToken).ConfigureAwait(false);
        return response.Array("subnets").OfType<JsonObject>().Select(s => s["id"]?.GetValue<string>()).FirstOrDefault(id => id is not null);
    }

    private static CtyValue Str(string? value) => value is null ? CtyValue.Null(CtyType.String) : CtyValue.String(value);

    private static string? Text(CtyValue obj, string name) => obj.GetAttribute(name) is { IsKnownAndNotNull: true } v ? v.AsString() : null;
}
