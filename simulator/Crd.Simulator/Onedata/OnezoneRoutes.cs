using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Onedata;

/// <summary>Onezone REST (<c>/onezone/api/v3/onezone</c>): the user, spaces, their providers, tokens.</summary>
public static class OnezoneRoutes
{
    /// <summary>A space of the user, or 404.</summary>
    public static Space Space(StoreTransaction tx, string userId, string id) =>
        tx.Find<Space>(id) is { } s && s.OwnerUserId == userId ? s : throw OnedataErrors.NotFound();

    /// <summary>Supports of a space.</summary>
    public static IEnumerable<SpaceSupport> Supports(StoreTransaction tx, string spaceId) => tx.All<SpaceSupport>().Where(s => s.SpaceId == spaceId);

    /// <summary>A space name (2 to 50 characters, Onedata's rule).</summary>
    public static string Name(JsonObject body)
    {
        var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
        if (name is null)
        {
            throw OnedataErrors.Missing("name");
        }
        return name.Length is >= 2 and <= 50
            ? name
            : throw OnedataErrors.Error(400, "badValueName", "Bad value: Name must be 2-50 characters long.", new JsonObject { ["key"] = "name" });
    }

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        var api = routes.MapGroup("/onezone/api/v3/onezone");
        api.MapGet("/provider/public/get_current_time", () => HttpJson.Json(new JsonObject { ["timeMillis"] = runtime.Clock.Now.ToUnixTimeMilliseconds() }));
        var user = api.MapGroup("");
        user.AddEndpointFilter(async (context, next) =>
        {
            if (OnedataIds.RequestToken(context.HttpContext) is not { } token || token != OnedataIds.UserToken(runtime))
            {
                throw OnedataErrors.Unauthorized();
            }
            return await next(context);
        });
        var userId = OnedataIds.UserId(runtime);
        user.MapGet("/user", () => HttpJson.Json(new JsonObject
        {
            ["userId"] = userId,
            ["username"] = OnedataIds.DemoUser,
            ["fullName"] = "Demo researcher",
            ["emails"] = new JsonArray { "demo@crd-sim.invalid" },
        }));
        user.MapGet("/user/spaces", async () => HttpJson.Json(new JsonObject
        {
            ["spaces"] = await runtime.Store.ExecuteAsync(tx => tx.All<Space>().Where(s => s.OwnerUserId == userId)
                .OrderBy(s => s.CreatedAt).Select(s => s.Id).ToJsonArray()),
        }));
        user.MapPost("/user/spaces", async (HttpContext ctx) =>
        {
            var name = Name(await ctx.ReadObjectAsync());
            var id = await runtime.Store.ExecuteAsync(tx =>
            {
                var space = new Space { Id = Guid.NewGuid().ToString("N"), Name = name, OwnerUserId = userId, CreatedAt = tx.Now };
                tx.Put(space);
                return space.Id;
            });
            ctx.Response.Headers.Location = ctx.BaseUrl() + "/onezone/api/v3/onezone/spaces/" + id;
            return Results.StatusCode(201);
        });
        foreach (var prefix in new[] { "/spaces/{id}", "/user/spaces/{id}" })
        {
            user.MapGet(prefix, async (string id) => HttpJson.Json(await runtime.Store.ExecuteAsync(tx => SpaceJson(tx, Space(tx, userId, id)))));
        }
        user.MapMethods("/spaces/{id}", ["PATCH"], async (HttpContext ctx, string id) =>
        {
            var name = Name(await ctx.ReadObjectAsync());
            await runtime.Store.ExecuteAsync(tx =>
            {
                var space = Space(tx, userId, id);
                space.Name = name;
                tx.Put(space);
            });
            return Results.NoContent();
        });
        user.MapDelete("/spaces/{id}", async (string id) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var space = Space(tx, userId, id);
                foreach (var support in Supports(tx, id).ToList())
                {
                    tx.Delete(support);
                }
                tx.Delete(space);
            });
            return Results.NoContent();
        });
        user.MapGet("/spaces/{id}/providers", async (string id) => HttpJson.Json(new JsonObject
        {
            ["providers"] = await runtime.Store.ExecuteAsync(tx => Supports(tx, Space(tx, userId, id).Id).Select(s => s.ProviderId).ToJsonArray()),
        }));
        user.MapGet("/spaces/{id}/providers/{pid}", async (string id, string pid) =>
        {
            var support = await runtime.Store.ExecuteAsync(tx => Supports(tx, Space(tx, userId, id).Id).FirstOrDefault(s => s.ProviderId == pid))
                ?? throw OnedataErrors.NotFound();
            return HttpJson.Json(OnepanelRoutes.ProviderJson(runtime, support.Site));
        });
        user.MapDelete("/spaces/{id}/providers/{pid}", async (string id, string pid) =>
        {
            await runtime.Store.ExecuteAsync(tx =>
            {
                var support = Supports(tx, Space(tx, userId, id).Id).FirstOrDefault(s => s.ProviderId == pid) ?? throw OnedataErrors.NotFound();
                tx.Delete(support);
            });
            return Results.NoContent();
        });
        OnezoneTokenRoutes.Map(user, runtime, userId);
    }

    /// <summary>The space as Onezone shows it: <c>providers</c> maps provider id to support size in bytes.</summary>
    public static JsonObject SpaceJson(StoreTransaction tx, Space space)
    {
        var providers = new JsonObject();
        foreach (var support in Supports(tx, space.Id).OrderBy(s => s.ProviderId, StringComparer.Ordinal))
        {
            providers[support.ProviderId] = support.SizeBytes;
        }
        return new JsonObject
        {
            ["spaceId"] = space.Id,
            ["name"] = space.Name,
            ["providers"] = providers,
            ["creator"] = new JsonObject { ["type"] = "user", ["id"] = space.OwnerUserId },
            ["creationTime"] = space.CreatedAt.ToUnixTimeSeconds(),
        };
    }

    /// <summary>A fresh serialized token (opaque, macaroon-like prefix).</summary>
    public static string NewSerialized() =>
        "MDAx" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Epoch seconds as text.</summary>
    public static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
