using System.Text.Json;
using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Admin;

/// <summary>
/// Admin routes that change objects behind the client's back (drift tests) and create tenants:
/// <c>GET /_sim/objects/{collection}</c>, <c>GET|PATCH|DELETE /_sim/objects/{collection}/{id}</c>,
/// <c>POST /_sim/projects</c>.
/// </summary>
public static class AdminObjectRoutes
{
    private static readonly JsonSerializerOptions PatchOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Maps the routes on the <c>/_sim</c> group.</summary>
    public static void Map(RouteGroupBuilder sim, SimRuntime runtime)
    {
        sim.MapGet("/objects/{collection}", async (string collection, string? site) =>
        {
            var type = TypeOf(runtime, collection);
            var items = await runtime.Store.ExecuteAsync(tx => new JsonArray([.. tx.All(type)
                .Where(e => site is null || e.Site == site)
                .Select(e => JsonSerializer.SerializeToNode(e, type))]));
            return HttpJson.Json(new JsonObject { [collection] = items });
        });
        sim.MapGet("/objects/{collection}/{id}", async (string collection, string id) =>
        {
            var type = TypeOf(runtime, collection);
            var entity = await runtime.Store.ExecuteAsync(tx => tx.Find(type, id)) ?? throw ApiException.NotFound($"No {collection} {id}.");
            return HttpJson.Json(JsonSerializer.SerializeToNode(entity, type)!);
        });
        sim.MapDelete("/objects/{collection}/{id}", async (string collection, string id) =>
        {
            var type = TypeOf(runtime, collection);
            await runtime.Store.ExecuteAsync(tx => tx.Delete(tx.Find(type, id) ?? throw ApiException.NotFound($"No {collection} {id}.")));
            return Results.NoContent();
        });
        sim.MapMethods("/objects/{collection}/{id}", ["PATCH"], async (HttpContext ctx, string collection, string id) =>
        {
            var type = TypeOf(runtime, collection);
            var patch = await ctx.ReadObjectAsync();
            var updated = await runtime.Store.ExecuteAsync(tx =>
            {
                var entity = tx.Find(type, id) ?? throw ApiException.NotFound($"No {collection} {id}.");
                var merged = JsonSerializer.SerializeToNode(entity, type)!.AsObject();
                Merge(merged, patch);
                merged["Id"] = id;
                Entity replacement;
                try
                {
                    replacement = (Entity)(merged.Deserialize(type, PatchOptions) ?? throw ApiException.BadRequest("Empty object."));
                }
                catch (JsonException ex)
                {
                    throw ApiException.BadRequest("The patch does not fit the object: " + ex.Message);
                }
                tx.Put(replacement);
                return replacement;
            });
            return HttpJson.Json(JsonSerializer.SerializeToNode(updated, type)!);
        });
        sim.MapPost("/projects", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var site = runtime.Config.Site(body.RequireString("site")) is { HasOpenStack: true } s
                ? s
                : throw ApiException.BadRequest("'site' must name a site with OpenStack.");
            var name = body.RequireString("name");
            var roles = body.OptStringList("roles") ?? ["member", "reader"];
            QuotaConfig? quota = null;
            if (body["quota"] is JsonObject q)
            {
                var merged = JsonSerializer.SerializeToNode(site.Quota, SimConfig.FileOptions)!.AsObject();
                foreach (var (key, value) in q)
                {
                    merged[key] = value?.DeepClone();
                }
                quota = merged.Deserialize<QuotaConfig>(SimConfig.FileOptions);
            }
            var tenant = await runtime.Store.ExecuteAsync(tx => TenantFactory.Create(tx, runtime, site, name, roles, quota, body.OptString("description") ?? ""));
            return HttpJson.Json(new JsonObject
            {
                ["site"] = site.Name,
                ["project_id"] = tenant.Project.Id,
                ["project_name"] = tenant.Project.Name,
                ["user_id"] = tenant.User?.Id,
                ["password"] = tenant.User?.Password,
                ["application_credential_id"] = tenant.Credential?.Id,
                ["application_credential_secret"] = tenant.Credential?.Secret,
                ["auth_url"] = ctx.BaseUrl() + "/sites/" + site.Name + "/identity/v3",
                ["region"] = site.Region,
            }, 201);
        });
    }

    // Objects merge member by member (case-insensitively), so {"Quota":{"Cores":32}} keeps the other limits.
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            var existing = target.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Key ?? key;
            if (value is JsonObject inner && target[existing] is JsonObject current)
            {
                Merge(current, inner);
            }
            else
            {
                target[existing] = value?.DeepClone();
            }
        }
    }

    private static Type TypeOf(SimRuntime runtime, string collection) =>
        runtime.Store.Registry.TypeOf(collection)
        ?? throw ApiException.NotFound($"Unknown collection {collection}. Known: {string.Join(", ", runtime.Store.Registry.Names.Order())}.");
}
