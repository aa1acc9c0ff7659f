using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Compute;

/// <summary><c>/os-keypairs</c>: list, create (generate or import), show, delete. Key pairs belong to the user.</summary>
public static partial class KeypairRoutes
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static void Map(RouteGroupBuilder v21, SimRuntime runtime)
    {
        v21.MapGet("/os-keypairs", async Task<IResult> (HttpContext ctx) =>
        {
            var token = ctx.Token();
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var items = await runtime.Store.ExecuteAsync(tx => tx.OfSite<Keypair>(token.Site).Where(k => k.UserId == token.UserId)
                .OrderBy(k => k.Name, StringComparer.Ordinal).ToList());
            return HttpJson.Json(new JsonObject
            {
                ["keypairs"] = new JsonArray([.. items.Select(k => (JsonNode)new JsonObject { ["keypair"] = Json(k, version, false) })]),
            });
        });
        v21.MapGet("/os-keypairs/{name}", async (HttpContext ctx, string name) =>
        {
            var token = ctx.Token();
            var keypair = await runtime.Store.ExecuteAsync(tx => tx.Find<Keypair>(Keypair.IdFor(token.UserId, name)))
                ?? throw ApiException.NotFound($"Keypair {name} not found for user {token.UserId}");
            return HttpJson.Json(new JsonObject { ["keypair"] = Json(keypair, Microversion.Of(ctx, ComputeModule.MinVersion), true) });
        });
        v21.MapPost("/os-keypairs", async Task<IResult> (HttpContext ctx) =>
        {
            var spec = (await ctx.ReadObjectAsync()).RequireObject("keypair");
            var token = ctx.Token();
            var version = Microversion.Of(ctx, ComputeModule.MinVersion);
            var name = spec.RequireString("name");
            if (name.Length is 0 or > 255 || !SafeName().IsMatch(name))
            {
                throw ApiException.BadRequest("Keypair data is invalid: Keypair name contains unsafe characters");
            }
            var publicKey = spec.OptString("public_key");
            string? privateKey = null;
            if (publicKey is null)
            {
                (publicKey, privateKey) = SshKeys.Generate("Generated-by-Nova");
            }
            var fingerprint = SshKeys.Fingerprint(publicKey) ?? throw ApiException.BadRequest("Keypair data is invalid: failed to generate fingerprint");
            var keypair = await runtime.Store.ExecuteAsync(tx =>
            {
                var id = Keypair.IdFor(token.UserId, name);
                if (tx.Find<Keypair>(id) is not null)
                {
                    throw ApiException.Conflict($"Key pair '{name}' already exists.");
                }
                var project = tx.Find<Project>(token.ProjectId);
                var count = tx.OfSite<Keypair>(token.Site).Count(k => k.UserId == token.UserId);
                if (project is not null && count >= project.Quota.KeyPairs)
                {
                    throw new ApiException(403, "Quota exceeded, too many key pairs.", "forbidden");
                }
                var created = new Keypair
                {
                    Id = id,
                    Site = token.Site,
                    ProjectId = token.ProjectId ?? "",
                    Name = name,
                    UserId = token.UserId,
                    PublicKey = publicKey,
                    Fingerprint = fingerprint,
                    Type = spec.OptString("type") ?? "ssh",
                    NumericId = tx.OfSite<Keypair>(token.Site).Select(k => k.NumericId).DefaultIfEmpty(0).Max() + 1,
                    CreatedAt = tx.Now,
                };
                tx.Put(created);
                return created;
            });
            var json = Json(keypair, version, false);
            json["user_id"] = keypair.UserId;
            if (privateKey is not null)
            {
                json["private_key"] = privateKey;
            }
            return HttpJson.Json(new JsonObject { ["keypair"] = json }, version >= new Microversion(2, 2) ? 201 : 200);
        });
        v21.MapDelete("/os-keypairs/{name}", async (HttpContext ctx, string name) =>
        {
            var token = ctx.Token();
            await runtime.Store.ExecuteAsync(tx => tx.Delete(tx.Find<Keypair>(Keypair.IdFor(token.UserId, name))
                ?? throw ApiException.NotFound($"Keypair {name} not found for user {token.UserId}")));
            return Results.StatusCode(Microversion.Of(ctx, ComputeModule.MinVersion) >= new Microversion(2, 2) ? 204 : 202);
        });
    }

    private static JsonObject Json(Keypair keypair, Microversion version, bool full)
    {
        var json = new JsonObject
        {
            ["name"] = keypair.Name,
            ["public_key"] = keypair.PublicKey,
            ["fingerprint"] = keypair.Fingerprint,
        };
        if (version >= new Microversion(2, 2))
        {
            json["type"] = keypair.Type;
        }
        if (full)
        {
            json["user_id"] = keypair.UserId;
            json["id"] = keypair.NumericId;
            json["created_at"] = keypair.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
            json["deleted"] = false;
            json["deleted_at"] = null;
            json["updated_at"] = null;
        }
        return json;
    }

    [GeneratedRegex("^[a-zA-Z0-9 _.@-]+$")]
    private static partial Regex SafeName();
}
