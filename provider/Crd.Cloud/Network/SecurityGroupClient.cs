using System.Globalization;
using System.Text.Json.Nodes;
using Crd.Cloud.Polling;

namespace Crd.Cloud.Network;

/// <summary>
/// Neutron security groups and their rules on one site (<c>/security-groups</c>,
/// <c>/security-group-rules</c>). Rules are immutable in Neutron: a changed rule is a new rule
/// and the old one's deletion. Every change forgets the session's cached group list so that a
/// VM planned or applied next in the same run resolves the group.
/// </summary>
public sealed class SecurityGroupClient(SiteSession session)
{
    private readonly NeutronClient _neutron = new(session);

    /// <summary>The site session.</summary>
    public SiteSession Session => session;

    /// <summary><c>GET /security-groups/{id}</c> with its rules; null on 404.</summary>
    public async Task<NeutronSecurityGroupDetail?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Network, GroupPath(id)), cancellationToken).ConfigureAwait(false);
            return ParseGroup(response.Object("security_group"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>POST /security-groups</c>; Neutron adds its default egress rules to the new group.</summary>
    public async Task<NeutronSecurityGroupDetail> CreateAsync(string name, string description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["security_group"] = new JsonObject { ["name"] = name, ["description"] = description } };
        var response = await session.SendAsync(CloudRequest.Post(CloudService.Network, "/security-groups", body), cancellationToken).ConfigureAwait(false);
        _neutron.ForgetSecurityGroups();
        return ParseGroup(response.Object("security_group"));
    }

    /// <summary><c>PUT /security-groups/{id}</c> with a new name and description.</summary>
    public async Task UpdateAsync(string id, string name, string description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["security_group"] = new JsonObject { ["name"] = name, ["description"] = description } };
        await session.SendAsync(CloudRequest.Put(CloudService.Network, GroupPath(id), body), cancellationToken).ConfigureAwait(false);
        _neutron.ForgetSecurityGroups();
    }

    /// <summary>
    /// <c>DELETE /security-groups/{id}</c>. While ports still use the group Neutron answers 409
    /// <c>SecurityGroupInUse</c> (a VM being deleted in the same run releases its port a moment
    /// later): the delete is retried until <paramref name="timeout"/>, then fails with a
    /// <see cref="CloudTimeoutException"/> naming the ports and servers that hold the group.
    /// A 404 means it is already gone.
    /// </summary>
    public async Task DeleteAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Poller.UntilAsync($"security group {id} on {session.Site} to be released by its ports", timeout, async ct =>
        {
            try
            {
                await session.SendAsync(CloudRequest.Delete(CloudService.Network, GroupPath(id)), ct).ConfigureAwait(false);
                return PollStep<bool>.Done(true);
            }
            catch (CloudApiException e) when (e.IsNotFound)
            {
                return PollStep<bool>.Done(true);
            }
            catch (CloudApiException e) when (e.IsConflict && e.ErrorType == "SecurityGroupInUse")
            {
                return PollStep<bool>.Pending("in use by " + await DescribeUsersAsync(id, ct).ConfigureAwait(false));
            }
        }, cancellationToken).ConfigureAwait(false);
        _neutron.ForgetSecurityGroups();
    }

    /// <summary>
    /// <c>POST /security-group-rules</c>. A rule that already exists (409
    /// <c>SecurityGroupRuleExists</c>, e.g. a POST resent after a lost answer) is adopted.
    /// </summary>
    public async Task<NeutronSecurityGroupRule> CreateRuleAsync(string groupId, SecurityGroupRuleSpec spec, CancellationToken cancellationToken)
    {
        var rule = new JsonObject
        {
            ["security_group_id"] = groupId,
            ["direction"] = spec.Direction,
            ["ethertype"] = spec.Ethertype,
            ["description"] = spec.Description,
        };
        Put(rule, "protocol", spec.Protocol);
        Put(rule, "port_range_min", spec.PortRangeMin);
        Put(rule, "port_range_max", spec.PortRangeMax);
        Put(rule, "remote_ip_prefix", spec.RemoteIpPrefix);
        Put(rule, "remote_group_id", spec.RemoteGroupId);
        try
        {
            var response = await session.SendAsync(CloudRequest.Post(CloudService.Network, "/security-group-rules", new JsonObject { ["security_group_rule"] = rule }), cancellationToken).ConfigureAwait(false);
            return ParseRule(response.Object("security_group_rule"));
        }
        catch (CloudApiException e) when (e.IsConflict && e.ErrorType == "SecurityGroupRuleExists")
        {
            var group = await FindAsync(groupId, cancellationToken).ConfigureAwait(false);
            if (group?.Rules.FirstOrDefault(r => r.Spec.SameRule(spec)) is { } existing)
            {
                return existing;
            }

            throw;
        }
    }

    /// <summary><c>DELETE /security-group-rules/{id}</c>; a 404 means it is already gone.</summary>
    public async Task DeleteRuleAsync(string ruleId, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(CloudRequest.Delete(CloudService.Network, "/security-group-rules/" + Uri.EscapeDataString(ruleId)), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>The ports of the project that use the group, as "port p (server s)" for messages.</summary>
    private async Task<string> DescribeUsersAsync(string groupId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Network, "/ports?fields=id&fields=device_id&fields=security_groups"), cancellationToken).ConfigureAwait(false);
            var users = response.Array("ports").OfType<JsonObject>()
                .Where(p => (p["security_groups"] as JsonArray)?.Any(g => Text(g) == groupId) == true)
                .Select(p => $"port {Text(p["id"])}" + (Text(p["device_id"]) is { Length: > 0 } device ? $" (server {device})" : ""))
                .ToList();
            return users.Count == 0 ? "ports" : string.Join(", ", users);
        }
        catch (CloudException)
        {
            return "ports";
        }
    }

    private static string GroupPath(string id) => "/security-groups/" + Uri.EscapeDataString(id);

    private static void Put(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void Put(JsonObject json, string name, int? value)
    {
        if (value is not null)
        {
            json[name] = value.Value;
        }
    }

    private static NeutronSecurityGroupDetail ParseGroup(JsonObject json) => new(
        Text(json["id"]) ?? "",
        Text(json["name"]) ?? "",
        Text(json["description"]) ?? "",
        Text(json["project_id"]) ?? Text(json["tenant_id"]) ?? "",
        (json["security_group_rules"] as JsonArray)?.OfType<JsonObject>().Select(ParseRule).ToList() ?? []);

    private static NeutronSecurityGroupRule ParseRule(JsonObject json) => new(
        Text(json["id"]) ?? "",
        new SecurityGroupRuleSpec(
            Text(json["direction"]) ?? "",
            Text(json["ethertype"]) ?? "IPv4",
            Text(json["protocol"])?.ToLowerInvariant(),
            Int(json["port_range_min"]),
            Int(json["port_range_max"]),
            Text(json["remote_ip_prefix"]),
            Text(json["remote_group_id"]),
            Text(json["description"]) ?? ""));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<int>(out var i) ? i : value.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;
}
