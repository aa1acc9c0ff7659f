using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Onedata;

/// <summary>
/// A site's Onepanel (<c>/sites/&lt;site&gt;/onepanel/api/v3/onepanel</c>): the provider, its
/// storages (one <c>posix</c>), and space support (grant with a support token, resize, revoke).
/// </summary>
public static class OnepanelRoutes
{
    /// <summary>Smallest support size Onezone accepts (1 MiB).</summary>
    public const long MinimumSupportSize = 1_048_576;

    /// <summary>The provider's public description.</summary>
    public static JsonObject ProviderJson(SimRuntime runtime, string site) => new()
    {
        ["id"] = OnedataIds.ProviderId(runtime, site),
        ["providerId"] = OnedataIds.ProviderId(runtime, site),
        ["name"] = site,
        ["domain"] = site + ".onedata.crd-sim.invalid",
        ["online"] = true,
        ["geoLatitude"] = 0.0,
        ["geoLongitude"] = 0.0,
        ["onezoneDomainName"] = "onezone.crd-sim.invalid",
    };

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        var api = routes.MapGroup("/sites/{site}/onepanel/api/v3/onepanel");
        api.AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            if (OnedataIds.RequestToken(ctx) is not { } token || token != OnedataIds.OnepanelToken(runtime, ctx.SiteConfig().Name))
            {
                throw OnedataErrors.Unauthorized();
            }
            return await next(context);
        });
        api.MapGet("/provider", (HttpContext ctx) => HttpJson.Json(ProviderJson(runtime, ctx.SiteConfig().Name)));
        api.MapGet("/provider/storages", (HttpContext ctx) =>
            HttpJson.Json(new JsonObject { ["ids"] = new JsonArray { OnedataIds.StorageId(runtime, ctx.SiteConfig().Name) } }));
        api.MapGet("/provider/storages/{id}", (HttpContext ctx, string id) =>
        {
            var site = ctx.SiteConfig().Name;
            if (id != OnedataIds.StorageId(runtime, site))
            {
                throw OnedataErrors.NotFound();
            }
            return HttpJson.Json(new JsonObject
            {
                ["id"] = id,
                ["name"] = "posix",
                ["type"] = "posix",
                ["mountPoint"] = "/volumes/posix",
                ["importedStorage"] = false,
                ["readonly"] = false,
                ["lumaFeed"] = "auto",
                ["storagePathType"] = "canonical",
                ["timeout"] = 120000,
                ["qosParameters"] = new JsonObject { ["storageId"] = id, ["providerId"] = OnedataIds.ProviderId(runtime, site) },
            });
        });
        api.MapGet("/provider/spaces", async (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig().Name;
            return HttpJson.Json(new JsonObject
            {
                ["ids"] = await runtime.Store.ExecuteAsync(tx => tx.All<SpaceSupport>().Where(s => s.Site == site)
                    .OrderBy(s => s.CreatedAt).Select(s => s.SpaceId).ToJsonArray()),
            });
        });
        api.MapPost("/provider/spaces", async (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig().Name;
            var body = await ctx.ReadObjectAsync();
            var serialized = body["token"] is JsonValue t && t.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw OnedataErrors.Missing("token");
            var size = Size(body);
            var storageId = body["storageId"] is JsonValue st && st.TryGetValue<string>(out var sid) ? sid : throw OnedataErrors.Missing("storageId");
            if (storageId != OnedataIds.StorageId(runtime, site))
            {
                throw OnedataErrors.Error(400, "badValueIdentifier", "Bad value: provided \"storageId\" is not a valid identifier.", new JsonObject { ["key"] = "storageId" });
            }
            var spaceId = await runtime.Store.ExecuteAsync(tx =>
            {
                var token = tx.All<OnezoneToken>().FirstOrDefault(x => x.Serialized == serialized) ?? throw OnedataErrors.BadToken("token", "unknown token");
                if (token.Revoked)
                {
                    throw OnedataErrors.BadToken("token", "revoked");
                }
                if (token.ValidUntil is { } until && until < tx.Now.ToUnixTimeSeconds())
                {
                    throw OnedataErrors.BadToken("token", "expired");
                }
                if (token.InviteType != "supportSpace" || token.SpaceId is null)
                {
                    throw OnedataErrors.BadToken("token", "not a supportSpace invite token");
                }
                if (token.UsageLimit is { } limit && token.UsageCount >= limit)
                {
                    throw OnedataErrors.BadToken("token", "usage limit reached");
                }
                var space = tx.Find<Space>(token.SpaceId) ?? throw OnedataErrors.NotFound();
                var id = SpaceSupport.IdFor(space.Id, site);
                if (tx.Find<SpaceSupport>(id) is not null)
                {
                    throw OnedataErrors.Error(409, "relationAlreadyExists", $"The space {space.Id} is already supported by this provider.",
                        new JsonObject { ["subjectType"] = "od_space", ["subjectId"] = space.Id, ["objectType"] = "od_provider", ["objectId"] = OnedataIds.ProviderId(runtime, site) });
                }
                CheckCapacity(tx, runtime, site, id, size);
                token.UsageCount++;
                tx.Put(token);
                tx.Put(new SpaceSupport
                {
                    Id = id,
                    Site = site,
                    SpaceId = space.Id,
                    ProviderId = OnedataIds.ProviderId(runtime, site),
                    StorageId = storageId,
                    SizeBytes = size,
                    CreatedAt = tx.Now,
                });
                return space.Id;
            });
            return HttpJson.Json(new JsonObject { ["id"] = spaceId }, 201);
        });
        api.MapGet("/provider/spaces/{id}", async (HttpContext ctx, string id) =>
        {
            var site = ctx.SiteConfig().Name;
            return HttpJson.Json(await runtime.Store.ExecuteAsync(tx =>
            {
                var support = tx.Find<SpaceSupport>(SpaceSupport.IdFor(id, site)) ?? throw OnedataErrors.NotFound();
                var supporters = new JsonObject();
                foreach (var other in OnezoneRoutes.Supports(tx, id))
                {
                    supporters[other.ProviderId] = other.SizeBytes;
                }
                return new JsonObject
                {
                    ["id"] = id,
                    ["name"] = tx.Find<Space>(id)?.Name,
                    ["storageId"] = support.StorageId,
                    ["localStorages"] = new JsonArray { support.StorageId },
                    ["supportingProviders"] = supporters,
                    ["importedStorage"] = false,
                    ["spaceOccupancy"] = 0,
                };
            }));
        });
        api.MapMethods("/provider/spaces/{id}", ["PATCH"], async (HttpContext ctx, string id) =>
        {
            var site = ctx.SiteConfig().Name;
            var size = Size(await ctx.ReadObjectAsync());
            await runtime.Store.ExecuteAsync(tx =>
            {
                var support = tx.Find<SpaceSupport>(SpaceSupport.IdFor(id, site)) ?? throw OnedataErrors.NotFound();
                CheckCapacity(tx, runtime, site, support.Id, size);
                support.SizeBytes = size;
                tx.Put(support);
            });
            return Results.NoContent();
        });
        api.MapDelete("/provider/spaces/{id}", async (HttpContext ctx, string id) =>
        {
            var site = ctx.SiteConfig().Name;
            await runtime.Store.ExecuteAsync(tx => tx.Delete(tx.Find<SpaceSupport>(SpaceSupport.IdFor(id, site)) ?? throw OnedataErrors.NotFound()));
            return Results.NoContent();
        });
    }

    /// <summary>
    /// The supports of a storage cannot exceed its size (<c>OnedataStorageGb</c> of the site's
    /// capacity): 400 <c>badValueTooHigh</c> with the largest size that still fits.
    /// </summary>
    private static void CheckCapacity(StoreTransaction tx, SimRuntime runtime, string site, string supportId, long size)
    {
        var capacity = (long)runtime.Config.Sites.First(s => s.Name == site).Capacity.OnedataStorageGb * 1_073_741_824L;
        var used = tx.All<SpaceSupport>().Where(s => s.Site == site && s.Id != supportId).Sum(s => s.SizeBytes);
        var free = Math.Max(0, capacity - used);
        if (size > free)
        {
            throw OnedataErrors.Error(400, "badValueTooHigh", $"Bad value: provided \"size\" must be at most {free}.",
                new JsonObject { ["key"] = "size", ["high"] = free });
        }
    }

    private static long Size(JsonObject body)
    {
        if (body["size"] is not JsonValue value)
        {
            throw OnedataErrors.Missing("size");
        }
        if (!value.TryGetValue<long>(out var size) && !(value.TryGetValue<double>(out var real) && real == Math.Floor(real) && (size = (long)real) == real))
        {
            throw OnedataErrors.Error(400, "badValueInteger", "Bad value: provided \"size\" must be an integer.", new JsonObject { ["key"] = "size" });
        }
        return size >= MinimumSupportSize ? size
            : throw OnedataErrors.Error(400, "badValueTooLow", $"Bad value: provided \"size\" must be at least {MinimumSupportSize}.",
                new JsonObject { ["key"] = "size", ["limit"] = MinimumSupportSize });
    }
}
