using System.Text.Json.Nodes;

namespace Crd.Cloud.Network;

/// <summary>
/// Neutron for one site, as far as VMs need it: networks and security groups (listed once per
/// session and cached, so that refreshing many VMs costs no extra calls), the ports of a
/// server, and floating IPs (created with a request marker in their description so that a
/// lost answer is adopted instead of leaking an address).
/// </summary>
public sealed class NeutronClient(SiteSession session)
{
    /// <summary>The external network floating IPs come from, unless told otherwise.</summary>
    public const string DefaultExternalNetwork = "public";

    /// <summary>The tenant network VMs join when none is given.</summary>
    public const string DefaultProjectNetwork = "private";

    private const string NetworksKey = "network.networks";
    private const string SecurityGroupsKey = "network.security-groups";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The site session.</summary>
    public SiteSession Session => session;

    /// <summary>Every network the project can see (cached per session).</summary>
    public Task<IReadOnlyList<NeutronNetwork>> ListNetworksAsync(CancellationToken cancellationToken)
        => session.Cache.GetOrCreateAsync(NetworksKey, CacheLifetime, async ct =>
        {
            var response = await SendAsync(CloudRequest.Get(CloudService.Network, "/networks"), ct).ConfigureAwait(false);
            return (IReadOnlyList<NeutronNetwork>)response.Array("networks").OfType<JsonObject>().Select(ParseNetwork).ToList();
        }, cancellationToken);

    /// <summary>The network named or identified by <paramref name="nameOrId"/>; throws <see cref="CloudLookupException"/> listing what exists.</summary>
    public async Task<NeutronNetwork> ResolveNetworkAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var found = Match(await ListNetworksAsync(cancellationToken).ConfigureAwait(false), nameOrId);
        if (found.Count == 0)
        {
            // Created since the list was cached? Look once more before giving up.
            session.Cache.Invalidate(NetworksKey);
            found = Match(await ListNetworksAsync(cancellationToken).ConfigureAwait(false), nameOrId);
        }

        if (found.Count == 1)
        {
            return found[0];
        }

        var all = await ListNetworksAsync(cancellationToken).ConfigureAwait(false);
        throw new CloudLookupException(session.Site, "network", nameOrId, found.Count > 1 ? found.Select(n => n.Id) : all.Select(n => n.Name), ambiguous: found.Count > 1);

        static List<NeutronNetwork> Match(IReadOnlyList<NeutronNetwork> networks, string key)
            => networks.Where(n => n.Id == key).ToList() is { Count: 1 } byId ? byId : networks.Where(n => n.Name == key).ToList();
    }

    /// <summary>The project's own network: <see cref="DefaultProjectNetwork"/> if it exists, else its oldest non-external one.</summary>
    public async Task<NeutronNetwork> ProjectNetworkAsync(CancellationToken cancellationToken)
    {
        var projectId = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
        var networks = await ListNetworksAsync(cancellationToken).ConfigureAwait(false);
        var own = networks.Where(n => !n.External && n.ProjectId == projectId).ToList();
        return own.FirstOrDefault(n => n.Name == DefaultProjectNetwork) ?? own.FirstOrDefault()
            ?? throw new CloudLookupException(session.Site, "project network", DefaultProjectNetwork, networks.Select(n => n.Name));
    }

    /// <summary>Every security group of the project (cached per session).</summary>
    public Task<IReadOnlyList<NeutronSecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken)
        => session.Cache.GetOrCreateAsync(SecurityGroupsKey, CacheLifetime, async ct =>
        {
            var projectId = await session.GetProjectIdAsync(ct).ConfigureAwait(false);
            var response = await SendAsync(CloudRequest.Get(CloudService.Network, "/security-groups?fields=id&fields=name&project_id=" + Uri.EscapeDataString(projectId)), ct).ConfigureAwait(false);
            return (IReadOnlyList<NeutronSecurityGroup>)response.Array("security_groups").OfType<JsonObject>()
                .Select(g => new NeutronSecurityGroup(Text(g, "id") ?? "", Text(g, "name") ?? "")).ToList();
        }, cancellationToken);

    /// <summary>Forgets the cached group list (a group was created, renamed or deleted).</summary>
    public void ForgetSecurityGroups() => session.Cache.Invalidate(SecurityGroupsKey);

    /// <summary>
    /// Resolves security group names or ids, in order; throws <see cref="CloudLookupException"/>
    /// naming the first that does not resolve (or resolves to several groups) and what exists.
    /// </summary>
    public async Task<IReadOnlyList<NeutronSecurityGroup>> ResolveSecurityGroupsAsync(IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
    {
        var keys = namesOrIds.ToList();
        var groups = await ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
        if (keys.Any(k => Match(groups, k).Count == 0))
        {
            session.Cache.Invalidate(SecurityGroupsKey);
            groups = await ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = new List<NeutronSecurityGroup>();
        foreach (var key in keys)
        {
            var found = Match(groups, key);
            if (found.Count != 1)
            {
                throw new CloudLookupException(session.Site, "security group", key, found.Count > 1 ? found.Select(g => g.Id) : groups.Select(g => g.Name), ambiguous: found.Count > 1);
            }

            result.Add(found[0]);
        }

        return result;

        static List<NeutronSecurityGroup> Match(IReadOnlyList<NeutronSecurityGroup> all, string key)
            => all.Where(g => g.Id == key).ToList() is { Count: 1 } byId ? byId : all.Where(g => g.Name == key).ToList();
    }

    /// <summary>The ports bound to <paramref name="deviceId"/> (a server id).</summary>
    public async Task<IReadOnlyList<NeutronPort>> ListPortsAsync(string deviceId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Get(CloudService.Network, "/ports?device_id=" + Uri.EscapeDataString(deviceId)), cancellationToken).ConfigureAwait(false);
        return response.Array("ports").OfType<JsonObject>().Select(ParsePort).ToList();
    }

    /// <summary><c>PUT /ports/{id}</c> with a new set of security group ids.</summary>
    public Task SetPortSecurityGroupsAsync(string portId, IEnumerable<string> securityGroupIds, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Put(CloudService.Network, "/ports/" + Uri.EscapeDataString(portId),
            new JsonObject { ["port"] = new JsonObject { ["security_groups"] = new JsonArray([.. securityGroupIds.Select(id => (JsonNode)id)]) } }), cancellationToken);

    /// <summary><c>DELETE /ports/{id}</c>; a 404 means it is already gone.</summary>
    public Task DeletePortAsync(string portId, CancellationToken cancellationToken)
        => DeleteIgnoringNotFoundAsync("/ports/" + Uri.EscapeDataString(portId), cancellationToken);

    /// <summary><c>GET /floatingips</c> filtered by <paramref name="filter"/> (e.g. <c>port_id</c>) = <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<NeutronFloatingIp>> ListFloatingIpsAsync(string filter, string value, CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Get(CloudService.Network, $"/floatingips?{Uri.EscapeDataString(filter)}={Uri.EscapeDataString(value)}"), cancellationToken).ConfigureAwait(false);
        return response.Array("floatingips").OfType<JsonObject>().Select(ParseFloatingIp).ToList();
    }

    /// <summary>
    /// <c>POST /floatingips</c> from <paramref name="externalNetworkId"/>, associated with
    /// <paramref name="portId"/>. After a transport failure or a 5xx the address is looked up by
    /// <paramref name="description"/> (which must be unique) and adopted; after a success that may
    /// have been a resent POST, other addresses with that description are released.
    /// </summary>
    public async Task<NeutronFloatingIp> CreateFloatingIpAsync(string externalNetworkId, string? portId, string description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["floating_network_id"] = externalNetworkId, ["description"] = description };
        if (portId is not null)
        {
            body["port_id"] = portId;
        }

        var sentBefore = session.RequestCount;
        try
        {
            var response = await SendAsync(CloudRequest.Post(CloudService.Network, "/floatingips", new JsonObject { ["floatingip"] = body }), cancellationToken).ConfigureAwait(false);
            var created = ParseFloatingIp(response.Object("floatingip"));
            if (session.RequestCount - sentBefore > 1)
            {
                // Possibly resent after a lost answer: release any other address with this description.
                foreach (var duplicate in (await ListFloatingIpsAsync("description", description, cancellationToken).ConfigureAwait(false)).Where(f => f.Id != created.Id))
                {
                    await DeleteFloatingIpAsync(duplicate.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            return created;
        }
        catch (CloudException e) when (e is CloudUnreachableException or CloudProtocolException || (e is CloudApiException api && api.StatusCode >= 500))
        {
            var adopted = await ListFloatingIpsAsync("description", description, cancellationToken).ConfigureAwait(false);
            if (adopted.Count == 0)
            {
                throw;
            }

            // A resent POST may have allocated twice: keep one, release the others.
            foreach (var extra in adopted.Skip(1))
            {
                await DeleteFloatingIpAsync(extra.Id, cancellationToken).ConfigureAwait(false);
            }

            var kept = adopted[0];
            if (portId is not null && kept.PortId != portId)
            {
                kept = await AssociateFloatingIpAsync(kept.Id, portId, cancellationToken).ConfigureAwait(false);
            }

            return kept;
        }
    }

    /// <summary>Associates the floating IP with <paramref name="portId"/> (null disassociates it).</summary>
    public async Task<NeutronFloatingIp> AssociateFloatingIpAsync(string floatingIpId, string? portId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(CloudRequest.Put(CloudService.Network, "/floatingips/" + Uri.EscapeDataString(floatingIpId),
            new JsonObject { ["floatingip"] = new JsonObject { ["port_id"] = portId } }), cancellationToken).ConfigureAwait(false);
        return ParseFloatingIp(response.Object("floatingip"));
    }

    /// <summary><c>DELETE /floatingips/{id}</c> (releases the address); a 404 means it is already gone.</summary>
    public Task DeleteFloatingIpAsync(string floatingIpId, CancellationToken cancellationToken)
        => DeleteIgnoringNotFoundAsync("/floatingips/" + Uri.EscapeDataString(floatingIpId), cancellationToken);

    private async Task DeleteIgnoringNotFoundAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(CloudRequest.Delete(CloudService.Network, path), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    private Task<CloudResponse> SendAsync(CloudRequest request, CancellationToken cancellationToken) => session.SendAsync(request, cancellationToken);

    private static NeutronNetwork ParseNetwork(JsonObject json) => new(
        Text(json, "id") ?? "",
        Text(json, "name") ?? "",
        Text(json, "project_id") ?? Text(json, "tenant_id") ?? "",
        json["router:external"] is JsonValue external && external.TryGetValue<bool>(out var e) && e,
        json["shared"] is JsonValue shared && shared.TryGetValue<bool>(out var s) && s);

    private static NeutronPort ParsePort(JsonObject json) => new(
        Text(json, "id") ?? "",
        Text(json, "network_id") ?? "",
        Text(json, "device_id") ?? "",
        (json["fixed_ips"] as JsonArray)?.OfType<JsonObject>().Select(ip => Text(ip, "ip_address")).OfType<string>().ToList() ?? [],
        (json["security_groups"] as JsonArray)?.OfType<JsonValue>().Select(v => v.GetValue<string>()).ToList() ?? []);

    private static NeutronFloatingIp ParseFloatingIp(JsonObject json) => new(
        Text(json, "id") ?? "",
        Text(json, "floating_ip_address") ?? "",
        Text(json, "floating_network_id") ?? "",
        Text(json, "port_id"),
        Text(json, "description") ?? "");

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
