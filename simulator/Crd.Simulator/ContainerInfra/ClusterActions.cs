using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary><c>/v1/clusters/{id}/actions/resize</c> (1.7+) and <c>/actions/upgrade</c> (1.8+).</summary>
public static class ClusterActions
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime, MagnumSettings settings)
    {
        v1.MapPost("/clusters/{ident}/actions/resize", async (HttpContext ctx, string ident) =>
        {
            var version = ContainerInfraModule.Require(ctx, 7);
            var token = ctx.Token();
            var body = await ctx.ReadObjectAsync();
            var count = body.OptInt("node_count") ?? throw ApiException.BadRequest("Invalid input for field/attribute node_count. Value: None. Mandatory field missing.");
            ClusterRoutes.CheckNodeCount(count, version);
            var groupName = body.OptString("nodegroup");
            var id = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                var group = groupName is null
                    ? MagnumLookup.Nodegroups(tx, cluster).First(g => g.IsDefault && g.Role != "master")
                    : MagnumLookup.Nodegroup(tx, cluster, groupName);
                ClusterRoutes.Resize(tx, runtime, settings, cluster, group, count);
                return cluster.Id;
            });
            return HttpJson.Json(new JsonObject { ["uuid"] = id }, 202);
        });
        v1.MapPost("/clusters/{ident}/actions/upgrade", async (HttpContext ctx, string ident) =>
        {
            ContainerInfraModule.Require(ctx, 8);
            var token = ctx.Token();
            var body = await ctx.ReadObjectAsync();
            var templateIdent = body.RequireString("cluster_template");
            var id = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                ClusterRoutes.RequireUpdatable(cluster);
                var template = MagnumLookup.Template(tx, token, templateIdent);
                var current = tx.Find<ClusterTemplate>(cluster.TemplateId);
                if (current is not null && current.Coe != template.Coe)
                {
                    throw ApiException.BadRequest("The new template's COE differs from the cluster's.");
                }
                cluster.PendingTemplateId = template.Id;
                cluster.FailMessage = ClusterLifecycle.KubeVersion(tx, template.ImageId) is null
                    ? $"Image {template.ImageId} does not have a kube_version property."
                    : null;
                ClusterRoutes.StartUpdate(tx, runtime, settings, cluster, "upgrade");
                foreach (var group in MagnumLookup.Nodegroups(tx, cluster).Where(g => g.Pending is null))
                {
                    group.Status = "UPDATE_IN_PROGRESS";
                    tx.Put(group);
                }
                return cluster.Id;
            });
            return HttpJson.Json(new JsonObject { ["uuid"] = id }, 202);
        });
    }
}
