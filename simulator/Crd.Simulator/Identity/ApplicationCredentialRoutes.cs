using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Identity;

/// <summary><c>/v3/users/{user_id}/application_credentials</c>: list, create, show, delete.</summary>
public static class ApplicationCredentialRoutes
{
    /// <summary>Maps the routes on the <c>/v3</c> group.</summary>
    public static void Map(RouteGroupBuilder v3, SimRuntime runtime)
    {
        var group = v3.MapGroup("/users/{userId}/application_credentials");
        group.MapGet("", async (HttpContext ctx, string userId) =>
        {
            var info = await AuthorizeAsync(ctx, runtime, userId);
            var items = await runtime.Store.ExecuteAsync(tx => new JsonArray([.. tx.OfSite<ApplicationCredential>(info.Site)
                .Where(c => c.UserId == userId).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (JsonNode)Json(c, false))]));
            return HttpJson.Json(new JsonObject { ["application_credentials"] = items });
        });
        group.MapGet("/{id}", async (HttpContext ctx, string userId, string id) =>
        {
            var info = await AuthorizeAsync(ctx, runtime, userId);
            var credential = await runtime.Store.ExecuteAsync(tx => tx.Find<ApplicationCredential>(id));
            return credential is null || credential.UserId != userId || credential.Site != info.Site
                ? throw ApiException.NotFound($"Could not find Application Credential: {id}.")
                : HttpJson.Json(new JsonObject { ["application_credential"] = Json(credential, false) });
        });
        group.MapPost("", async (HttpContext ctx, string userId) =>
        {
            var info = await AuthorizeAsync(ctx, runtime, userId);
            if (info.ApplicationCredentialId is not null && info.Restricted)
            {
                throw new ApiException(403, "Using method 'application_credential' is not allowed for managing additional application credentials.");
            }
            var body = (await ctx.ReadObjectAsync()).RequireObject("application_credential");
            var name = body.RequireString("name");
            var roles = body["roles"] is JsonArray list
                ? [.. list.OfType<JsonObject>().Select(r => r.OptString("name") ?? "")]
                : info.Roles.ToList();
            if (roles.Any(r => !info.Roles.Contains(r)))
            {
                throw new ApiException(403, "You are not authorized to perform the requested action: a role is not assigned to the user.");
            }
            DateTimeOffset? expires = null;
            if (body.OptString("expires_at") is { } text)
            {
                expires = DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw ApiException.BadRequest($"Invalid input for field 'expires_at': {text} is not a date-time.");
            }
            var credential = new ApplicationCredential
            {
                Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                Site = info.Site,
                ProjectId = info.RequireProject(),
                Name = name,
                UserId = userId,
                Secret = body.OptString("secret") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'),
                Roles = roles,
                Unrestricted = body.OptBool("unrestricted") ?? false,
                ExpiresAt = expires,
                Description = body.OptString("description") ?? "",
            };
            await runtime.Store.ExecuteAsync(tx =>
            {
                if (tx.OfSite<ApplicationCredential>(info.Site).Any(c => c.UserId == userId && c.Name == name))
                {
                    throw ApiException.Conflict($"Conflict occurred attempting to store application_credential - Duplicate entry found with name {name}.");
                }
                tx.Put(credential);
            });
            return HttpJson.Json(new JsonObject { ["application_credential"] = Json(credential, true) }, 201);
        });
        group.MapDelete("/{id}", async (HttpContext ctx, string userId, string id) =>
        {
            var info = await AuthorizeAsync(ctx, runtime, userId);
            await runtime.Store.ExecuteAsync(tx =>
            {
                var credential = tx.Find<ApplicationCredential>(id);
                if (credential is null || credential.UserId != userId || credential.Site != info.Site)
                {
                    throw ApiException.NotFound($"Could not find Application Credential: {id}.");
                }
                tx.Delete(credential);
            });
            return Results.NoContent();
        });
    }

    private static async Task<TokenInfo> AuthorizeAsync(HttpContext ctx, SimRuntime runtime, string userId)
    {
        var info = await runtime.Tokens.ValidateAsync(ctx.SiteConfig().Name, ctx.Request.Headers["X-Auth-Token"].ToString());
        return info.UserId == userId || info.IsAdmin
            ? info
            : throw new ApiException(403, "You are not authorized to perform the requested action: identity:list_application_credentials.");
    }

    private static JsonObject Json(ApplicationCredential c, bool withSecret)
    {
        var json = new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["description"] = c.Description,
            ["project_id"] = c.ProjectId,
            ["user_id"] = c.UserId,
            ["unrestricted"] = c.Unrestricted,
            ["expires_at"] = c.ExpiresAt is { } e ? AuthTokens.KeystoneTime(e) : null,
            ["roles"] = new JsonArray([.. c.Roles.Select(r => (JsonNode)new JsonObject { ["name"] = r })]),
            ["access_rules"] = new JsonArray(),
        };
        if (withSecret)
        {
            json["secret"] = c.Secret;
        }
        return json;
    }
}
