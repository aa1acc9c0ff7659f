using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Magnum <c>/v1/clusters</c>: create, list, show, JSON-Patch update, delete.</summary>
public static class ClusterRoutes
{
    /// <summary>The v1 URL of the request's site.</summary>
    public static string V1(HttpContext ctx) => ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/container-infra/v1";

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime, MagnumSettings settings)
    {
        v1.MapPost("/clusters", async (HttpContext ctx) =>
        {
            var token = ctx.Token();
            var body = await ctx.ReadObjectAsync();
            var name = MagnumLookup.ValidName(body.OptString("name") ?? "cluster-" + Guid.NewGuid().ToString("N")[..8], "Cluster");
            var ca = ClusterCa.Create(name);
            var fault = runtime.Faults.BuildFault(token.Site, "container-infra", "/clusters");
            var id = await runtime.Store.ExecuteAsync(tx => ClusterCreate.Create(tx, runtime, settings, ctx, token, body, name, ca, fault?.Message));
            return HttpJson.Json(new JsonObject { ["uuid"] = id }, 202);
        });
        v1.MapGet("/clusters", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: false));
        v1.MapGet("/clusters/detail", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: true));
        v1.MapGet("/clusters/{ident}", async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            var site = ctx.SiteConfig();
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                return ClusterJson.Cluster(cluster, MagnumLookup.Nodegroups(tx, cluster), site, V1(ctx), detail: true);
            });
            return HttpJson.Json(json);
        });
        v1.MapMethods("/clusters/{ident}", ["PATCH"], async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            var version = Microversion.Of(ctx, ContainerInfraModule.MinVersion);
            var patch = await ctx.ReadNodeAsync() as JsonArray ?? throw ApiException.BadRequest("A JSON-Patch list is required.");
            int? nodeCount = null;
            foreach (var op in patch)
            {
                var operation = op as JsonObject ?? throw ApiException.BadRequest("Invalid JSON-Patch operation.");
                var path = operation.OptString("path");
                var kind = operation.OptString("op");
                if (path != "/node_count" || kind is not ("replace" or "remove"))
                {
                    throw ApiException.BadRequest($"Currently only attribute node_count are supported for operation replace and remove (got {kind} {path}).");
                }
                nodeCount = kind == "remove" ? 1 : operation.OptInt("value") ?? throw ApiException.BadRequest("A value is required for replace.");
            }
            if (nodeCount is null)
            {
                throw ApiException.BadRequest("Nothing to update.");
            }
            CheckNodeCount(nodeCount.Value, version);
            var id = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                var worker = MagnumLookup.Nodegroups(tx, cluster).First(g => g.IsDefault && g.Role != "master");
                Resize(tx, runtime, settings, cluster, worker, nodeCount.Value);
                return cluster.Id;
            });
            return HttpJson.Json(new JsonObject { ["uuid"] = id }, 202);
        });
        v1.MapDelete("/clusters/{ident}", async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                if (cluster.Pending == "delete")
                {
                    return;
                }
                foreach (var group in MagnumLookup.Nodegroups(tx, cluster))
                {
                    group.Pending = null;
                    group.DueAt = null;
                    group.PendingNodeCount = null;
                    group.Status = "DELETE_IN_PROGRESS";
                    tx.Put(group);
                }
                cluster.Status = "DELETE_IN_PROGRESS";
                cluster.StatusReason = null;
                cluster.Pending = "delete";
                cluster.FailMessage = null;
                cluster.UpdatedAt = tx.Now;
                cluster.DueAt = runtime.Due(tx, cluster.Site, "container-infra", settings.DeleteSeconds);
                tx.Put(cluster);
            });
            return Results.NoContent();
        });
        ClusterActions.Map(v1, runtime, settings);
    }

    /// <summary>400 when a node count is out of range for the microversion (0 needs 1.10).</summary>
    public static void CheckNodeCount(int count, Microversion version)
    {
        var min = version >= new Microversion(1, 10) ? 0 : 1;
        if (count < min)
        {
            throw ApiException.BadRequest($"Invalid input for field/attribute node_count. Value: '{count}'. Value should be greater or equal to {min}");
        }
    }

    /// <summary>400 unless the cluster is in a state that accepts updates.</summary>
    public static void RequireUpdatable(Cluster cluster)
    {
        if (!MagnumLookup.UpdatableStatuses.Contains(cluster.Status))
        {
            throw ApiException.BadRequest($"Updating a cluster when status is \"{cluster.Status}\" is not supported");
        }
    }

    /// <summary>Starts an update moving <paramref name="group"/> to <paramref name="count"/> nodes (UPDATE_FAILED when cores run out).</summary>
    public static void Resize(StoreTransaction tx, SimRuntime runtime, MagnumSettings settings, Cluster cluster, Nodegroup group, int count)
    {
        RequireUpdatable(cluster);
        if (count < group.MinNodeCount || (group.MaxNodeCount is { } max && count > max))
        {
            throw ApiException.BadRequest($"Resizing nodegroup {group.Name}: node_count {count} must be between min_node_count {group.MinNodeCount} and max_node_count {group.MaxNodeCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}.");
        }
        var groups = MagnumLookup.Nodegroups(tx, cluster);
        group.PendingNodeCount = count;
        var project = tx.Find<Project>(cluster.ProjectId);
        var extra = Math.Max(0, count - group.NodeCount) * (tx.Find<Compute.Flavor>(group.FlavorId)?.Vcpus ?? 1);
        var current = ClusterQuota.Cores(tx, cluster, groups.Where(g => g.Id != group.Id)) + group.NodeCount * (tx.Find<Compute.Flavor>(group.FlavorId)?.Vcpus ?? 1);
        cluster.FailMessage = project is null || extra == 0 ? null : ClusterQuota.CoresShortfall(tx, project, current + extra, cluster.Id)?.Replace("CREATE", "UPDATE", StringComparison.Ordinal);
        StartUpdate(tx, runtime, settings, cluster, "update");
        group.Status = "UPDATE_IN_PROGRESS";
        tx.Put(group);
    }

    /// <summary>Puts the cluster into UPDATE_IN_PROGRESS for <paramref name="pending"/>.</summary>
    public static void StartUpdate(StoreTransaction tx, SimRuntime runtime, MagnumSettings settings, Cluster cluster, string pending)
    {
        cluster.Status = "UPDATE_IN_PROGRESS";
        cluster.StatusReason = null;
        cluster.Pending = pending;
        cluster.UpdatedAt = tx.Now;
        cluster.DueAt = runtime.Due(tx, cluster.Site, "container-infra", settings.UpdateSeconds);
        tx.Put(cluster);
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, bool detail)
    {
        var token = ctx.Token();
        var site = ctx.SiteConfig();
        var project = token.RequireProject();
        var list = await runtime.Store.ExecuteAsync(tx => new JsonArray([.. tx.OfSite<Cluster>(site.Name, project)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => (JsonNode)ClusterJson.Cluster(c, MagnumLookup.Nodegroups(tx, c), site, V1(ctx), detail))]));
        return HttpJson.Json(new JsonObject { ["clusters"] = list });
    }
}
