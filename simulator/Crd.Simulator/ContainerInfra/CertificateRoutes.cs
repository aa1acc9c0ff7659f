using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// Magnum <c>/v1/certificates</c>: the cluster CA (GET), CSR signing (POST) and CA rotation
/// (PATCH, 1.5+; certificates signed before no longer chain to the new CA).
/// </summary>
public static class CertificateRoutes
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder v1, SimRuntime runtime)
    {
        v1.MapGet("/certificates/{ident}", async (HttpContext ctx, string ident) =>
        {
            var token = ctx.Token();
            var (id, pem) = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                return (cluster.Id, cluster.CaCertificatePem);
            });
            return HttpJson.Json(new JsonObject
            {
                ["cluster_uuid"] = id,
                ["pem"] = pem,
                ["links"] = ClusterJson.Links(ClusterRoutes.V1(ctx) + "/certificates/" + id),
            });
        });
        v1.MapPost("/certificates", async (HttpContext ctx) =>
        {
            var token = ctx.Token();
            var body = await ctx.ReadObjectAsync();
            var ident = body.RequireString("cluster_uuid");
            var csr = body.RequireString("csr");
            var (id, caCert, caKey) = await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                return (cluster.Id, cluster.CaCertificatePem, cluster.CaKeyPem);
            });
            // Signing is CPU work: done outside the store's lock on the values read under it.
            var pem = ClusterCa.Sign(caCert, caKey, csr);
            return HttpJson.Json(new JsonObject
            {
                ["cluster_uuid"] = id,
                ["csr"] = csr,
                ["pem"] = pem,
                ["links"] = ClusterJson.Links(ClusterRoutes.V1(ctx) + "/certificates/" + id),
            }, 201);
        });
        v1.MapMethods("/certificates/{ident}", ["PATCH"], async (HttpContext ctx, string ident) =>
        {
            ContainerInfraModule.Require(ctx, 5);
            var token = ctx.Token();
            var name = await runtime.Store.ExecuteAsync(tx => MagnumLookup.Cluster(tx, token, ident).Name);
            var ca = ClusterCa.Create(name);
            await runtime.Store.ExecuteAsync(tx =>
            {
                var cluster = MagnumLookup.Cluster(tx, token, ident);
                cluster.CaCertificatePem = ca.CertificatePem;
                cluster.CaKeyPem = ca.KeyPem;
                cluster.UpdatedAt = tx.Now;
                tx.Put(cluster);
            });
            return Results.StatusCode(202);
        });
    }
}
