using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary><c>/v1/clusters/{id}/nodegroups</c> (microversion 1.9+): list, show, create, JSON-Patch update, delete.</summary>
public static class NodegroupRoutes
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime, MagnumSettings settings)
    {
        var groups = v1.MapGroup("/clusters/{cluster}/nodegroups");
        groups.AddEndpointFilter(async (context, next) =>
        {
            ContainerInfraModule.Require(context.HttpContext, 9);
            return await next(context);
        });
        groups.MapGet("", async (HttpContext ctx, string cluster) =>
        {
            var token = ctx.Token();
            var site = ctx.SiteConfig();
            var list = await runtime.Store.ExecuteAsync(tx =>
            {
                var c = MagnumLookup.Cluster(tx, token, cluster);
                return new JsonArray([.. MagnumLookup.Nodegroups(tx, c).Select(g => (JsonNode)ClusterJson.Nodegroup(g, site, ClusterRoutes.V1(ctx), detail: false))]);
            });
            return HttpJson.Json(new JsonObject { ["nodegroups"] = list });
        });
        groups.MapGet("/{ident}", async (HttpContext ctx, string cluster, string ident) =>
        {
            var token = ctx.Token();
            var site = ctx.SiteConfig();
            var json = await runtime.Store.ExecuteAsync(tx =>
                ClusterJson.Nodegroup(MagnumLookup.Nodegroup(tx, MagnumLookup.Cluster(tx, token, cluster), ident), site, ClusterRoutes.V1(ctx), detail: true));
            return HttpJson.Json(json);
        });
        groups.MapPost("", async (HttpContext ctx, string cluster) =>
        {
            var token = ctx.Token();
            var site = ctx.SiteConfig();
            var body = await ctx.ReadObjectAsync();
            var name = MagnumLookup.ValidName(body.RequireString("name"), "Nodegroup");
            var role = body.OptString("role") ?? "worker";
            if (role == "master")
            {
                throw ApiException.BadRequest("Creating master nodegroups is currently not supported.");
            }
            var count = body.OptInt("node_count") ?? 1;
            var min = body.OptInt("min_node_count") ?? 0;
            var max = body.OptInt("max_node_count");
            CheckRange(count, min, max);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var c = MagnumLookup.Cluster(tx, token, cluster);
                ClusterRoutes.RequireUpdatable(c);
                var existing = MagnumLookup.Nodegroups(tx, c);
                if (existing.Any(g => g.Name == name))
                {
                    throw ApiException.Conflict($"A node group with name {name} already exists in the cluster {c.Name}.");
                }
                var flavor = MagnumLookup.Flavor(tx, c.Site, body.OptString("flavor_id") ?? c.FlavorId);
                var template = tx.Find<ClusterTemplate>(c.TemplateId);
                var image = body.OptString("image_id") is { } imageIdent ? MagnumLookup.Image(tx, c.Site, imageIdent).Id : template?.ImageId ?? "";
                var labels = body.OptStringMap("labels");
                var group = new Nodegroup
                {
                    Id = SimRuntime.NewUuid(),
                    Site = c.Site,
                    ProjectId = c.ProjectId,
                    ClusterId = c.Id,
                    Name = name,
                    Role = role,
                    NodeCount = count,
                    MinNodeCount = min,
                    MaxNodeCount = max,
                    FlavorId = flavor.Id,
                    ImageId = image,
                    Labels = (body.OptBool("merge_labels") ?? false) || labels is null
                        ? new Dictionary<string, string>(c.Labels).Concat(labels ?? []).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
                        : labels,
                    DockerVolumeSize = body.OptInt("docker_volume_size") ?? c.DockerVolumeSize,
                    StackId = c.StackId,
                    CreatedAt = tx.Now,
                    Pending = "create",
                    DueAt = runtime.Due(tx, c.Site, "container-infra", settings.UpdateSeconds),
                };
                if (tx.Find<Project>(c.ProjectId) is { } project)
                {
                    group.StatusReason = ClusterQuota.CoresShortfall(tx, project,
                        ClusterQuota.Cores(tx, c, existing) + count * flavor.Vcpus, c.Id);
                }
                tx.Put(group);
                return ClusterJson.Nodegroup(group, site, ClusterRoutes.V1(ctx), detail: true);
            });
            return HttpJson.Json(json, 202);
        });
        groups.MapMethods("/{ident}", ["PATCH"], async (HttpContext ctx, string cluster, string ident) =>
        {
            var token = ctx.Token();
            var site = ctx.SiteConfig();
            var patch = await ctx.ReadNodeAsync() as JsonArray ?? throw ApiException.BadRequest("A JSON-Patch list is required.");
            var changes = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var op in patch)
            {
                var operation = op as JsonObject ?? throw ApiException.BadRequest("Invalid JSON-Patch operation.");
                var path = operation.OptString("path");
                if (path is not ("/node_count" or "/min_node_count" or "/max_node_count") || operation.OptString("op") is not ("replace" or "remove"))
                {
                    throw ApiException.BadRequest($"Only node_count, min_node_count and max_node_count can be replaced or removed (got {path}).");
                }
                changes[path[1..]] = operation.OptString("op") == "remove" ? null : operation.OptInt("value");
            }
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var c = MagnumLookup.Cluster(tx, token, cluster);
                ClusterRoutes.RequireUpdatable(c);
                var group = MagnumLookup.Nodegroup(tx, c, ident);
                var count = changes.TryGetValue("node_count", out var n) ? n ?? 1 : group.NodeCount;
                var min = changes.TryGetValue("min_node_count", out var lo) ? lo ?? 0 : group.MinNodeCount;
                var max = changes.TryGetValue("max_node_count", out var hi) ? hi : group.MaxNodeCount;
                CheckRange(count, min, max);
                group.MinNodeCount = min;
                group.MaxNodeCount = max;
                group.PendingNodeCount = count;
                group.Status = "UPDATE_IN_PROGRESS";
                group.StatusReason = null;
                group.Pending = "update";
                group.DueAt = runtime.Due(tx, c.Site, "container-infra", settings.UpdateSeconds);
                tx.Put(group);
                return ClusterJson.Nodegroup(group, site, ClusterRoutes.V1(ctx), detail: true);
            });
            return HttpJson.Json(json, 202);
        });
        groups.MapDelete("/{ident}", async (HttpContext ctx, string cluster, string ident) =>
        {
            var token = ctx.Token();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var group = MagnumLookup.Nodegroup(tx, MagnumLookup.Cluster(tx, token, cluster), ident);
                if (group.IsDefault)
                {
                    throw ApiException.BadRequest("Deleting a default nodegroup is not supported.");
                }
                group.Status = "DELETE_IN_PROGRESS";
                group.Pending = "delete";
                group.DueAt = runtime.Due(tx, group.Site, "container-infra", settings.DeleteSeconds);
                tx.Put(group);
            });
            return Results.NoContent();
        });
    }

    private static void CheckRange(int count, int min, int? max)
    {
        if (min < 0 || count < min || (max is { } m && (count > m || m < min)))
        {
            throw ApiException.BadRequest($"node_count {count} must be between min_node_count {min} and max_node_count {max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}.");
        }
    }
}
