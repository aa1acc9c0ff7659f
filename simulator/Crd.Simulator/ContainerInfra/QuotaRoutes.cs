using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// Magnum <c>GET /v1/quotas/{project_id}/{resource}</c> (magnum api-ref <c>quotas.inc</c>): the
/// project's cluster quota. Policy <c>quota:get</c> is admin-or-owner: a project may read its
/// own; Magnum answers the configured default when no explicit quota was set, so this always
/// answers the project's <c>k8sClusters</c> limit.
/// </summary>
public static class QuotaRoutes
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime)
    {
        v1.MapGet("/quotas/{projectId}/{resource}", async (HttpContext ctx, string projectId, string resource) =>
        {
            var token = ctx.Token();
            if (!token.IsAdmin && token.ProjectId != projectId)
            {
                throw new ApiException(403, "Policy doesn't allow quota:get to be performed.");
            }

            if (resource != "Cluster")
            {
                throw ApiException.BadRequest($"Invalid resource {resource}: only Cluster has a quota.");
            }

            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var project = tx.Find<Project>(projectId) ?? throw ApiException.NotFound($"Project {projectId} could not be found.");
                return new JsonObject
                {
                    ["project_id"] = project.Id,
                    ["resource"] = "Cluster",
                    ["hard_limit"] = project.Quota.K8sClusters,
                    ["created_at"] = null,
                    ["updated_at"] = null,
                };
            });
            return HttpJson.Json(json);
        });
    }
}
