using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Onedata;

/// <summary>
/// Onezone tokens: <c>POST /user/tokens/named</c> (201 <c>{tokenId, token}</c>),
/// <c>POST /user/tokens/temporary</c> (201 <c>{token}</c>, a <c>time</c> caveat is required),
/// named token list, show (by id or <c>/name/{name}</c>) and delete. Support tokens are invite tokens of type <c>supportSpace</c>.
/// </summary>
public static class OnezoneTokenRoutes
{
    /// <summary>Longest TTL of a temporary token (Onezone's default).</summary>
    public const long MaxTemporaryTtl = 1_209_600;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder user, SimRuntime runtime, string userId)
    {
        user.MapPost("/user/tokens/named", async (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var n) && n.Length > 0 ? n : throw OnedataErrors.Missing("name");
            var token = await runtime.Store.ExecuteAsync(tx =>
            {
                if (tx.All<OnezoneToken>().Any(t => t.UserId == userId && !t.Temporary && t.Name == name))
                {
                    throw OnedataErrors.Error(409, "alreadyExists", "The resource already exists.");
                }
                var created = Build(tx, body, userId, temporary: false);
                created.Name = name;
                tx.Put(created);
                return created;
            });
            ctx.Response.Headers.Location = ctx.BaseUrl() + "/onezone/api/v3/onezone/user/tokens/named/" + token.Id;
            return HttpJson.Json(new JsonObject { ["tokenId"] = token.Id, ["token"] = token.Serialized }, 201);
        });
        user.MapPost("/user/tokens/temporary", async (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var token = await runtime.Store.ExecuteAsync(tx =>
            {
                var created = Build(tx, body, userId, temporary: true);
                var ttl = created.ValidUntil - tx.Now.ToUnixTimeSeconds();
                if (ttl is null || ttl > MaxTemporaryTtl)
                {
                    throw OnedataErrors.Error(400, "tokenTimeCaveatRequired",
                        $"You must specify a time caveat with TTL lower than {MaxTemporaryTtl}.", new JsonObject { ["maxTtl"] = MaxTemporaryTtl });
                }
                tx.Put(created);
                return created;
            });
            return HttpJson.Json(new JsonObject { ["token"] = token.Serialized }, 201);
        });
        user.MapGet("/user/tokens/named", async () => HttpJson.Json(new JsonObject
        {
            ["tokens"] = await runtime.Store.ExecuteAsync(tx => tx.All<OnezoneToken>().Where(t => t.UserId == userId && !t.Temporary)
                .OrderBy(t => t.CreatedAt).Select(t => t.Id).ToJsonArray()),
        }));
        user.MapGet("/user/tokens/named/name/{name}", async (string name) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => Json(
                tx.All<OnezoneToken>().FirstOrDefault(t => t.UserId == userId && !t.Temporary && t.Name == name) ?? throw OnedataErrors.NotFound()))));
        user.MapGet("/user/tokens/named/{id}", async (string id) =>
            HttpJson.Json(await runtime.Store.ExecuteAsync(tx => Json(Named(tx, userId, id)))));
        user.MapDelete("/user/tokens/named/{id}", async (string id) =>
        {
            await runtime.Store.ExecuteAsync(tx => tx.Delete(Named(tx, userId, id)));
            return Results.NoContent();
        });
    }

    private static OnezoneToken Named(StoreTransaction tx, string userId, string id) =>
        tx.Find<OnezoneToken>(id) is { Temporary: false } t && t.UserId == userId ? t : throw OnedataErrors.NotFound();

    private static OnezoneToken Build(StoreTransaction tx, JsonObject body, string userId, bool temporary)
    {
        var type = body["type"] as JsonObject ?? new JsonObject { ["accessToken"] = new JsonObject() };
        var token = new OnezoneToken
        {
            Id = Guid.NewGuid().ToString("N"),
            Serialized = OnezoneRoutes.NewSerialized(),
            Temporary = temporary,
            UserId = userId,
            TypeJson = type.ToJsonString(),
            CreatedAt = tx.Now,
        };
        if (type["inviteToken"] is JsonObject invite)
        {
            token.InviteType = invite["inviteType"] is JsonValue it && it.TryGetValue<string>(out var s) ? s : throw OnedataErrors.Missing("type.inviteToken.inviteType");
            if (token.InviteType == "supportSpace")
            {
                var spaceId = invite["spaceId"] is JsonValue sv && sv.TryGetValue<string>(out var sid) ? sid : throw OnedataErrors.Missing("type.inviteToken.spaceId");
                if (tx.Find<Space>(spaceId) is not { } space || space.OwnerUserId != userId)
                {
                    throw OnedataErrors.Forbidden();
                }
                token.SpaceId = spaceId;
            }
        }
        else if (type["accessToken"] is null && type["identityToken"] is null)
        {
            throw OnedataErrors.Error(400, "badValueTokenType", "Bad value: provided \"type\" is not a valid token type.", new JsonObject { ["key"] = "type" });
        }
        var caveats = body["caveats"] as JsonArray ?? [];
        foreach (var caveat in caveats.OfType<JsonObject>())
        {
            if (caveat["type"] is JsonValue kind && kind.TryGetValue<string>(out var name) && name == "time")
            {
                token.ValidUntil = caveat["validUntil"] is JsonValue u && u.TryGetValue<long>(out var until) ? until
                    : throw OnedataErrors.Missing("caveats.time.validUntil");
            }
        }
        token.CaveatsJson = caveats.ToJsonString();
        if (body["usageLimit"] is JsonValue limit)
        {
            token.UsageLimit = limit.TryGetValue<int>(out var max) && max > 0 ? max
                : limit.TryGetValue<string>(out var text) && text == "infinity" ? null
                : throw OnedataErrors.Error(400, "badValueInteger", "Bad value: provided \"usageLimit\" must be a positive integer or \"infinity\".", new JsonObject { ["key"] = "usageLimit" });
        }
        return token;
    }

    /// <summary>The token as <c>GET /user/tokens/named/{id}</c> shows it.</summary>
    public static JsonObject Json(OnezoneToken t) => new()
    {
        ["id"] = t.Id,
        ["name"] = t.Name,
        ["subject"] = new JsonObject { ["type"] = "user", ["id"] = t.UserId },
        ["type"] = JsonNode.Parse(t.TypeJson),
        ["caveats"] = JsonNode.Parse(t.CaveatsJson),
        ["metadata"] = new JsonObject { ["creationTime"] = t.CreatedAt.ToUnixTimeSeconds(), ["usageCount"] = t.UsageCount, ["usageLimit"] = t.UsageLimit is { } l ? l : "infinity" },
        ["revoked"] = t.Revoked,
        ["token"] = t.Serialized,
    };
}
