using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary>Server sub-resources: <c>/metadata</c>, <c>/tags</c>, <c>/ips</c>, <c>/os-interface</c>, <c>/os-security-groups</c>.</summary>
public static class ServerDetailRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        var server = v21.MapGroup("/servers/{id}");
        server.MapGet("/metadata", (HttpContext ctx, string id) => Read(ctx, runtime, id, s => new JsonObject { ["metadata"] = s.Metadata.ToJson() }));
        server.MapPost("/metadata", async (HttpContext ctx, string id) =>
        {
            var metadata = (await ctx.ReadObjectAsync()).OptStringMap("metadata") ?? throw ApiException.BadRequest("Malformed request body: metadata is required.");
            return await WriteAsync(ctx, runtime, id, s =>
            {
                foreach (var (key, value) in metadata)
                {
                    s.Metadata[key] = value;
                }
                return new JsonObject { ["metadata"] = s.Metadata.ToJson() };
            });
        });
        server.MapPut("/metadata", async (HttpContext ctx, string id) =>
        {
            var metadata = (await ctx.ReadObjectAsync()).OptStringMap("metadata") ?? throw ApiException.BadRequest("Malformed request body: metadata is required.");
            return await WriteAsync(ctx, runtime, id, s =>
            {
                s.Metadata = metadata;
                return new JsonObject { ["metadata"] = s.Metadata.ToJson() };
            });
        });
        server.MapGet("/metadata/{key}", (HttpContext ctx, string id, string key) => Read(ctx, runtime, id, s =>
            s.Metadata.TryGetValue(key, out var value)
                ? new JsonObject { ["meta"] = new JsonObject { [key] = value } }
                : throw ApiException.NotFound("Metadata item was not found")));
        server.MapPut("/metadata/{key}", async (HttpContext ctx, string id, string key) =>
        {
            var meta = (await ctx.ReadObjectAsync()).OptStringMap("meta") ?? throw ApiException.BadRequest("Malformed request body: meta is required.");
            if (meta.Count != 1 || !meta.TryGetValue(key, out var value))
            {
                throw ApiException.BadRequest("Request body and URI mismatch");
            }
            return await WriteAsync(ctx, runtime, id, s =>
            {
                s.Metadata[key] = value;
                return new JsonObject { ["meta"] = new JsonObject { [key] = value } };
            });
        });
        server.MapDelete("/metadata/{key}", (HttpContext ctx, string id, string key) => WriteAsync(ctx, runtime, id, s =>
            s.Metadata.Remove(key) ? null : throw ApiException.NotFound("Metadata item was not found"), 204));
        server.MapGet("/tags", (HttpContext ctx, string id) => Read(ctx, runtime, id, s => new JsonObject { ["tags"] = s.Tags.ToJsonArray() }));
        server.MapPut("/tags", async (HttpContext ctx, string id) =>
        {
            var body = await ctx.ReadObjectAsync();
            var tags = body["tags"] is JsonArray list
                ? list.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 60 && !s.Contains(',') && !s.Contains('/')
                    ? s
                    : throw ApiException.BadRequest("Invalid tag.")).Distinct().ToList()
                : throw ApiException.BadRequest("Invalid input for field/attribute tags.");
            if (tags.Count > 50)
            {
                throw ApiException.BadRequest("The number of tags exceeded the per-server limit 50");
            }
            return await WriteAsync(ctx, runtime, id, s =>
            {
                s.Tags = tags;
                return new JsonObject { ["tags"] = s.Tags.ToJsonArray() };
            });
        });
        server.MapDelete("/tags", (HttpContext ctx, string id) => WriteAsync(ctx, runtime, id, s =>
        {
            s.Tags.Clear();
            return null;
        }, 204));
        server.MapGet("/tags/{tag}", (HttpContext ctx, string id, string tag) => Read(ctx, runtime, id, s =>
            s.Tags.Contains(tag) ? null : throw ApiException.NotFound($"Tag '{tag}' could not be found."), 204));
        server.MapPut("/tags/{tag}", (HttpContext ctx, string id, string tag) => WriteAsync(ctx, runtime, id, s =>
        {
            if (!s.Tags.Contains(tag))
            {
                s.Tags.Add(tag);
            }
            return null;
        }, 201));
        server.MapDelete("/tags/{tag}", (HttpContext ctx, string id, string tag) => WriteAsync(ctx, runtime, id, s =>
            s.Tags.Remove(tag) ? null : throw ApiException.NotFound($"Tag '{tag}' could not be found."), 204));
        server.MapGet("/ips", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var found = ServerRoutes.Find(tx, ctx, id);
            var index = ComputeIndex.Build(tx, found.Site);
            return new JsonObject { ["addresses"] = ServerView.Addresses(index, index.PortsByDevice[found.Id]) };
        })));
        server.MapGet("/os-interface", async Task<IResult> (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var found = ServerRoutes.Find(tx, ctx, id);
            var ports = ComputeIndex.Build(tx, found.Site).PortsByDevice[found.Id].OrderBy(p => p.CreatedAt);
            return new JsonObject
            {
                ["interfaceAttachments"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject
                {
                    ["port_id"] = p.Id,
                    ["net_id"] = p.NetworkId,
                    ["mac_addr"] = p.MacAddress,
                    ["port_state"] = "ACTIVE",
                    ["fixed_ips"] = new JsonArray { new JsonObject { ["subnet_id"] = p.SubnetId, ["ip_address"] = p.IpAddress } },
                })]),
            };
        })));
        server.MapGet("/os-security-groups", async (HttpContext ctx, string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
        {
            var found = ServerRoutes.Find(tx, ctx, id);
            var groups = tx.OfSite<Port>(found.Site).Where(p => p.DeviceId == found.Id).SelectMany(p => p.SecurityGroupIds).Distinct()
                .Select(tx.Find<SecurityGroup>).Where(g => g is not null);
            return new JsonObject
            {
                ["security_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
                {
                    ["id"] = g!.Id,
                    ["name"] = g.Name,
                    ["description"] = g.Description,
                    ["tenant_id"] = g.ProjectId,
                    ["rules"] = new JsonArray(),
                })]),
            };
        })));
    }

    private static async Task<IResult> Read(HttpContext ctx, SimRuntime runtime, string id, Func<Server, JsonObject?> render, int status = 200)
    {
        var json = await runtime.Store.ExecuteAsync(tx => render(ServerRoutes.Find(tx, ctx, id)));
        return json is null ? Results.StatusCode(status) : HttpJson.Json(json, status);
    }

    private static async Task<IResult> WriteAsync(HttpContext ctx, SimRuntime runtime, string id, Func<Server, JsonObject?> change, int status = 200)
    {
        var json = await runtime.Store.ExecuteAsync(tx =>
        {
            var server = ServerRoutes.Find(tx, ctx, id);
            var result = change(server);
            server.UpdatedAt = tx.Now;
            tx.Put(server);
            return result;
        });
        return json is null ? Results.StatusCode(status) : HttpJson.Json(json, status);
    }
}
