using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary><c>/servers</c>: create, list (+ /detail, filters, paging), show, update, delete.</summary>
public static class ServerRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        v21.MapPost("/servers", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var (server, groups) = await runtime.Store.ExecuteAsync(tx =>
            {
                var created = ServerCreate.Create(tx, runtime, ctx.SiteConfig(), ctx.Token(), body, version);
                var names = created.OwnedPortIds.Select(id => tx.Find<Network.Port>(id)).Where(p => p is not null)
                    .SelectMany(p => p!.SecurityGroupIds).Distinct().Select(id => tx.Find<Network.SecurityGroup>(id)?.Name ?? id).ToList();
                return (created, names);
            });
            var url = ComputeModule.Url(ctx);
            ctx.Response.Headers.Location = url + "/servers/" + server.Id;
            return HttpJson.Json(new JsonObject
            {
                ["server"] = new JsonObject
                {
                    ["id"] = server.Id,
                    ["links"] = ServerView.Links(url, "servers", server.Id),
                    ["OS-DCF:diskConfig"] = "MANUAL",
                    ["security_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["name"] = g })]),
                    ["adminPass"] = server.AdminPass,
                },
            }, 202);
        });
        v21.MapGet("/servers", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: false));
        v21.MapGet("/servers/detail", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime, detail: true));
        v21.MapGet("/servers/{id}", async (HttpContext ctx, string id) =>
        {
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var server = Find(tx, ctx, id);
                return ServerView.Detail(tx, ComputeIndex.Build(tx, server.Site), server, version, ComputeModule.Url(ctx));
            });
            return HttpJson.Json(new JsonObject { ["server"] = json });
        });
        v21.MapPut("/servers/{id}", async (HttpContext ctx, string id) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("server");
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var json = await runtime.Store.ExecuteAsync(tx =>
            {
                var server = Find(tx, ctx, id);
                server.Name = spec.OptString("name") ?? server.Name;
                if (spec.ContainsKey("description"))
                {
                    server.Description = spec.OptString("description");
                }
                server.UpdatedAt = tx.Now;
                tx.Put(server);
                return ServerView.Detail(tx, ComputeIndex.Build(tx, server.Site), server, version, ComputeModule.Url(ctx));
            });
            return HttpJson.Json(new JsonObject { ["server"] = json });
        });
        v21.MapDelete("/servers/{id}", async (HttpContext ctx, string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var server = Find(tx, ctx, id);
                if (server.Locked && !ctx.Token().IsAdmin)
                {
                    throw ApiException.Conflict($"Instance {id} is locked");
                }
                if (server.Pending == "delete")
                {
                    return;
                }
                server.Pending = "delete";
                server.TaskState = "deleting";
                server.DueAt = runtime.Due(tx, server.Site, "compute", runtime.Config.DeleteSeconds);
                server.UpdatedAt = tx.Now;
                tx.Put(server);
            });
            return Results.NoContent();
        });
    }

    /// <summary>The server <paramref name="id"/> of the token's project, or Nova's 404.</summary>
    public static Server Find(StoreTransaction tx, HttpContext ctx, string id)
    {
        var token = ctx.Token();
        var server = tx.Find<Server>(id);
        return server is not null && server.Site == token.Site && (server.ProjectId == token.ProjectId || token.IsAdmin)
            ? server
            : throw ApiException.NotFound($"Instance {id} could not be found.");
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime, bool detail)
    {
        var query = ctx.Request.Query;
        var version = Microversion.Of(ctx, ComputeModule.MinVersion);
        var token = ctx.Token();
        var allTenants = token.IsAdmin && query["all_tenants"] is { Count: > 0 } all && all.ToString() is "1" or "true" or "True";
        Regex? name = null;
        if (query["name"].ToString() is { Length: > 0 } pattern)
        {
            try
            {
                name = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                throw ApiException.BadRequest($"Invalid regular expression in name filter: {pattern}");
            }
        }
        var status = query["status"].ToString();
        var tags = query["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var anyTags = query["tags-any"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var image = query["image"].ToString();
        var flavor = query["flavor"].ToString();
        var limit = int.TryParse(query["limit"], out var l) && l >= 0 ? l : 1000;
        var marker = query["marker"].ToString();
        var url = ComputeModule.Url(ctx);
        var (items, more) = await runtime.Store.ExecuteAsync(tx =>
        {
            var servers = tx.OfSite<Server>(token.Site, allTenants ? null : token.RequireProject())
                .Where(s => name is null || name.IsMatch(s.Name))
                .Where(s => status.Length == 0 || string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase))
                .Where(s => tags.All(s.Tags.Contains) && (anyTags.Length == 0 || anyTags.Any(s.Tags.Contains)))
                .Where(s => (image.Length == 0 || s.ImageId == image) && (flavor.Length == 0 || s.FlavorId == flavor))
                .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
                .ToList();
            if (marker.Length > 0)
            {
                var at = servers.FindIndex(s => s.Id == marker);
                servers = at < 0 ? throw ApiException.BadRequest($"marker [{marker}] not found") : servers[(at + 1)..];
            }
            var more = servers.Count > limit;
            var page = servers.Take(limit);
            var index = detail ? ComputeIndex.Build(tx, token.Site) : null;
            return (new JsonArray([.. page.Select(s => (JsonNode)(detail ? ServerView.Detail(tx, index!, s, version, url) : ServerView.Summary(s, url)))]), more);
        });
        var answer = new JsonObject { ["servers"] = items };
        if (more && items.Count > 0)
        {
            var last = items[^1]!["id"]!.GetValue<string>();
            answer["servers_links"] = new JsonArray
            {
                new JsonObject { ["rel"] = "next", ["href"] = url + "/servers" + (detail ? "/detail" : "") + "?limit=" + limit + "&marker=" + last },
            };
        }
        return HttpJson.Json(answer);
    }
}
