using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Network;

/// <summary><c>/v2.0/security-groups</c> and <c>/v2.0/security-group-rules</c>.</summary>
public static class SecurityGroupRoutes
{
    private static readonly string[] Protocols = ["tcp", "udp", "icmp", "icmpv6", "sctp", "any", "6", "17", "1"];

    /// <summary>Maps the routes on the v2.0 group.</summary>
    public static void Map(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/security-groups", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "security_groups", tx =>
            tx.OfSite<SecurityGroup>(ctx.Token().Site).Where(g => NeutronAccess.Visible(ctx.Token(), g)).OrderBy(g => g.CreatedAt)
                .Select(g => NeutronJson.SecurityGroup(tx, g))));
        v2.MapGet("/security-groups/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["security_group"] = NeutronJson.SecurityGroup(tx, FindGroup(tx, ctx, id)) })));
        v2.MapPost("/security-groups", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("security_group");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var token = ctx.Token();
                var project = token.RequireProject();
                var name = spec.OptString("name") ?? "";
                if (name == "default")
                {
                    throw ApiException.Conflict("Default security group already exists.", "SecurityGroupDefaultAlreadyExists");
                }
                NeutronAccess.CheckQuota(tx, token.Site, project, "security_group", q => q.SecurityGroups, tx.OfSite<SecurityGroup>(token.Site, project).Count());
                var group = new SecurityGroup
                {
                    Id = SimRuntime.NewUuid(),
                    Site = token.Site,
                    ProjectId = project,
                    Name = name,
                    Description = spec.OptString("description") ?? "",
                    Stateful = spec.OptBool("stateful") ?? true,
                    CreatedAt = tx.Now,
                };
                tx.Put(group);
                foreach (var ethertype in new[] { "IPv4", "IPv6" })
                {
                    tx.Put(new SecurityGroupRule
                    {
                        Id = SimRuntime.NewUuid(),
                        Site = token.Site,
                        ProjectId = project,
                        SecurityGroupId = group.Id,
                        Direction = "egress",
                        Ethertype = ethertype,
                        CreatedAt = tx.Now,
                    });
                }
                return new JsonObject { ["security_group"] = NeutronJson.SecurityGroup(tx, group) };
            }), 201);
        });
        v2.MapPut("/security-groups/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("security_group");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var group = FindGroup(tx, ctx, id);
                group.Name = spec.OptString("name") ?? group.Name;
                group.Description = spec.OptString("description") ?? group.Description;
                tx.Put(group);
                return new JsonObject { ["security_group"] = NeutronJson.SecurityGroup(tx, group) };
            }));
        });
        v2.MapDelete("/security-groups/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var group = FindGroup(tx, ctx, id);
                if (group.Name == "default" && !ctx.Token().IsAdmin)
                {
                    throw ApiException.Conflict("Insufficient rights for removing default security group.", "SecurityGroupCannotRemoveDefault");
                }
                if (tx.OfSite<Port>(group.Site).Any(p => p.SecurityGroupIds.Contains(id)))
                {
                    throw ApiException.Conflict($"Security Group {id} in use.", "SecurityGroupInUse");
                }
                foreach (var rule in tx.OfSite<SecurityGroupRule>(group.Site).Where(r => r.SecurityGroupId == id || r.RemoteGroupId == id).ToList())
                {
                    tx.Delete(rule);
                }
                tx.Delete(group);
            });
            return Results.NoContent();
        });
        MapRules(v2, runtime);
    }

    private static void MapRules(RouteGroupBuilder v2, SimRuntime runtime)
    {
        v2.MapGet("/security-group-rules", async Task<IResult> (HttpContext ctx) => await NeutronQuery.ListAsync(ctx, runtime, "security_group_rules", tx =>
            tx.OfSite<SecurityGroupRule>(ctx.Token().Site).Where(r => NeutronAccess.Visible(ctx.Token(), r)).OrderBy(r => r.CreatedAt).Select(NeutronJson.Rule)));
        v2.MapGet("/security-group-rules/{id}", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            new JsonObject { ["security_group_rule"] = NeutronJson.Rule(FindRule(tx, ctx, id)) })));
        v2.MapPost("/security-group-rules", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("security_group_rule");
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var group = FindGroup(tx, ctx, spec.RequireString("security_group_id"));
                var rule = new SecurityGroupRule
                {
                    Id = SimRuntime.NewUuid(),
                    Site = group.Site,
                    ProjectId = group.ProjectId,
                    SecurityGroupId = group.Id,
                    Direction = spec.RequireString("direction"),
                    Ethertype = spec.OptString("ethertype") ?? "IPv4",
                    Protocol = spec.OptString("protocol")?.ToLowerInvariant(),
                    PortRangeMin = spec.OptInt("port_range_min"),
                    PortRangeMax = spec.OptInt("port_range_max"),
                    RemoteIpPrefix = spec.OptString("remote_ip_prefix"),
                    RemoteGroupId = spec.OptString("remote_group_id"),
                    Description = spec.OptString("description") ?? "",
                    CreatedAt = tx.Now,
                };
                Validate(tx, ctx, rule);
                var duplicate = tx.OfSite<SecurityGroupRule>(group.Site).FirstOrDefault(r => r.SecurityGroupId == rule.SecurityGroupId
                    && r.Direction == rule.Direction && r.Ethertype == rule.Ethertype && r.Protocol == rule.Protocol
                    && r.PortRangeMin == rule.PortRangeMin && r.PortRangeMax == rule.PortRangeMax
                    && r.RemoteIpPrefix == rule.RemoteIpPrefix && r.RemoteGroupId == rule.RemoteGroupId);
                if (duplicate is not null)
                {
                    throw ApiException.Conflict($"Security group rule already exists. Rule id is {duplicate.Id}.", "SecurityGroupRuleExists");
                }
                NeutronAccess.CheckQuota(tx, group.Site, group.ProjectId, "security_group_rule", q => q.SecurityGroupRules,
                    tx.OfSite<SecurityGroupRule>(group.Site, group.ProjectId).Count());
                tx.Put(rule);
                return new JsonObject { ["security_group_rule"] = NeutronJson.Rule(rule) };
            }), 201);
        });
        v2.MapDelete("/security-group-rules/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx => tx.Delete(FindRule(tx, ctx, id)));
            return Results.NoContent();
        });
    }

    private static void Validate(StoreTransaction tx, HttpContext ctx, SecurityGroupRule rule)
    {
        if (rule.Direction is not ("ingress" or "egress"))
        {
            throw ApiException.BadRequest($"Invalid input for direction. Reason: {rule.Direction} is not in valid_values.", "HTTPBadRequest");
        }
        if (rule.Ethertype is not ("IPv4" or "IPv6"))
        {
            throw ApiException.BadRequest($"Invalid input for ethertype. Reason: {rule.Ethertype} is not in valid_values.", "HTTPBadRequest");
        }
        if (rule.Protocol is not null && !Protocols.Contains(rule.Protocol) && !int.TryParse(rule.Protocol, out _))
        {
            throw ApiException.BadRequest($"Security group rule protocol {rule.Protocol} not supported.", "SecurityGroupRuleInvalidProtocol");
        }
        if (rule.PortRangeMin is { } min && rule.PortRangeMax is { } max && min > max && rule.Protocol is "tcp" or "udp")
        {
            throw ApiException.BadRequest("For TCP/UDP protocols, port_range_min must be <= port_range_max", "SecurityGroupInvalidPortRange");
        }
        if (rule.PortRangeMin is not null && rule.Protocol is null)
        {
            throw ApiException.BadRequest("Must also specify protocol if port range is given.", "SecurityGroupProtocolRequiredWithPorts");
        }
        if (rule.RemoteIpPrefix is not null && rule.RemoteGroupId is not null)
        {
            throw ApiException.BadRequest("Only remote_ip_prefix or remote_group_id may be provided.", "SecurityGroupRemoteGroupAndRemoteIpPrefix");
        }
        if (rule.RemoteIpPrefix is { } prefix && Ipv4Cidr.TryParse(prefix.Contains('/') ? prefix : prefix + "/32") is null && !prefix.Contains(':'))
        {
            throw ApiException.BadRequest($"Invalid input for remote_ip_prefix. Reason: '{prefix}' is not a valid IP subnet.", "HTTPBadRequest");
        }
        if (rule.RemoteGroupId is { } remote)
        {
            FindGroup(tx, ctx, remote);
        }
    }

    private static SecurityGroup FindGroup(StoreTransaction tx, HttpContext ctx, string id) =>
        NeutronAccess.Find<SecurityGroup>(tx, ctx, id, $"Security group {id} does not exist", "SecurityGroupNotFound");

    private static SecurityGroupRule FindRule(StoreTransaction tx, HttpContext ctx, string id) =>
        NeutronAccess.Find<SecurityGroupRule>(tx, ctx, id, $"Security group rule {id} does not exist", "SecurityGroupRuleNotFound");
}
