using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Identity;

/// <summary>Keystone v3 at <c>/sites/&lt;site&gt;/identity/v3</c>: tokens, catalog, application credentials.</summary>
public sealed class IdentityModule : ISimModule
{
    /// <summary>Project of the pre-created credentials on every site.</summary>
    public const string DemoProject = "demo";

    /// <summary>Project whose credential has the admin role (quota changes).</summary>
    public const string AdminProject = "admin";

    /// <inheritdoc/>
    public string Name => "identity";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry)
    {
        registry.Register<Project>();
        registry.Register<User>();
        registry.Register<ApplicationCredential>();
        registry.Register<RevokedToken>();
    }

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("identity", s => s.HasOpenStack, KeystoneAuth: false));
        runtime.Errors.Register("identity", ErrorShapes.KeystoneError);
        // A revocation is only needed until the token would have expired anyway.
        runtime.Store.OnDue<RevokedToken>((revoked, tx) => tx.Delete(revoked));
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.HasOpenStack))
        {
            TenantFactory.Create(tx, runtime, site, DemoProject, ["member", "reader"], description: "Demo project of crd-sim");
            TenantFactory.Create(tx, runtime, site, AdminProject, ["admin", "member", "reader"], description: "Administration");
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        var v3 = routes.MapGroup("/sites/{site}/identity/v3");
        routes.MapGet("/sites/{site}/identity", (HttpContext ctx) => HttpJson.Json(Versions(ctx)));
        v3.MapGet("", (HttpContext ctx) => HttpJson.Json(new JsonObject { ["version"] = Version(ctx) }));
        v3.MapPost("/auth/tokens", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ctx.ReadObjectAsync();
            var site = ctx.SiteConfig();
            var (token, answer) = await runtime.Store.ExecuteAsync(tx => AuthTokens.Authenticate(tx, runtime, site, ctx.BaseUrl(), body));
            ctx.Response.Headers["X-Subject-Token"] = token;
            return HttpJson.Json(answer, 201);
        });
        v3.MapGet("/auth/tokens", async Task<IResult> (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig();
            await runtime.Tokens.ValidateAsync(site.Name, ctx.Request.Headers["X-Auth-Token"].ToString());
            var subject = ctx.Request.Headers["X-Subject-Token"].ToString();
            var answer = await runtime.Store.ExecuteAsync(tx =>
            {
                TokenInfo info;
                try
                {
                    info = runtime.Tokens.Validate(tx, site.Name, subject);
                }
                catch (ApiException)
                {
                    throw ApiException.NotFound($"Failed to validate token");
                }
                return AuthTokens.TokenBody(runtime, site, ctx.BaseUrl(), info, tx.Find<User>(info.UserId)!,
                    tx.Find<Project>(info.ProjectId), tx.Find<ApplicationCredential>(info.ApplicationCredentialId));
            });
            ctx.Response.Headers["X-Subject-Token"] = subject;
            return HttpJson.Json(answer);
        });
        v3.MapDelete("/auth/tokens", async Task<IResult> (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig().Name;
            await runtime.Tokens.ValidateAsync(site, ctx.Request.Headers["X-Auth-Token"].ToString());
            var subject = ctx.Request.Headers["X-Subject-Token"].ToString();
            await runtime.Store.ExecuteAsync(tx =>
            {
                TokenInfo info;
                try
                {
                    info = runtime.Tokens.Validate(tx, site, subject);
                }
                catch (ApiException)
                {
                    throw ApiException.NotFound("Failed to validate token");
                }
                TokenService.Revoke(tx, site, subject, info.ExpiresAt);
            });
            return Results.NoContent();
        });
        v3.MapGet("/auth/catalog", async Task<IResult> (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig();
            var info = await runtime.Tokens.ValidateAsync(site.Name, ctx.Request.Headers["X-Auth-Token"].ToString());
            return HttpJson.Json(new JsonObject { ["catalog"] = Catalog.Build(runtime, ctx.BaseUrl(), site, info.RequireProject()) });
        });
        v3.MapGet("/auth/projects", async Task<IResult> (HttpContext ctx) =>
        {
            var site = ctx.SiteConfig();
            var info = await runtime.Tokens.ValidateAsync(site.Name, ctx.Request.Headers["X-Auth-Token"].ToString());
            var projects = await runtime.Store.ExecuteAsync(tx => new JsonArray([.. tx.OfSite<Project>(site.Name)
                .Where(p => p.Members.ContainsKey(info.UserId))
                .Select(p => (JsonNode)ProjectJson(p))]));
            return HttpJson.Json(new JsonObject { ["projects"] = projects });
        });
        v3.MapGet("/projects/{id}", async (HttpContext ctx, string id) =>
        {
            var site = ctx.SiteConfig();
            var info = await runtime.Tokens.ValidateAsync(site.Name, ctx.Request.Headers["X-Auth-Token"].ToString());
            var project = await runtime.Store.ExecuteAsync(tx => tx.Find<Project>(id));
            if (project is null || project.Site != site.Name || (project.Id != info.ProjectId && !info.IsAdmin))
            {
                throw ApiException.NotFound($"Could not find project: {id}.");
            }
            return HttpJson.Json(new JsonObject { ["project"] = ProjectJson(project) });
        });
        ApplicationCredentialRoutes.Map(v3, runtime);
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
        var sites = runtime.Config.Sites.Where(s => s.HasOpenStack).ToList();
        var defaultSite = sites.FirstOrDefault(s => s.Name == "toulouse") ?? sites.FirstOrDefault();
        if (defaultSite is not null)
        {
            description.ProviderSettings.Add(("default_site", defaultSite.Name));
        }
        var credentials = runtime.Store.ExecuteAsync(tx => sites.Select(s => (Site: s,
            Credential: tx.Find<ApplicationCredential>(runtime.DeriveId(s.Name, "application_credential", DemoProject)),
            Admin: tx.Find<ApplicationCredential>(runtime.DeriveId(s.Name, "application_credential", AdminProject)))).ToList())
            .GetAwaiter().GetResult();
        foreach (var (site, credential, admin) in credentials)
        {
            var authUrl = description.BaseUrl + "/sites/" + site.Name + "/identity/v3";
            description.Endpoints.Add(($"{site.Name} keystone", authUrl));
            if (credential is null)
            {
                continue;
            }
            var block = description.Site(site.Name);
            block.Add(("auth_url", authUrl));
            block.Add(("region", site.Region));
            block.Add(("application_credential_id", credential.Id));
            block.Add(("application_credential_secret", credential.Secret));
            description.Clouds["crd-" + site.Name] =
            [
                ("auth_type", "v3applicationcredential"),
                ("auth.auth_url", authUrl),
                ("auth.application_credential_id", credential.Id),
                ("auth.application_credential_secret", credential.Secret),
                ("region_name", site.Region),
                ("interface", "public"),
                ("identity_api_version", "3"),
            ];
            if (admin is not null)
            {
                // The admin project's credential (quota changes); not in the provider block.
                description.Clouds["crd-" + site.Name + "-admin"] =
                [
                    ("auth_type", "v3applicationcredential"),
                    ("auth.auth_url", authUrl),
                    ("auth.application_credential_id", admin.Id),
                    ("auth.application_credential_secret", admin.Secret),
                    ("region_name", site.Region),
                    ("interface", "public"),
                    ("identity_api_version", "3"),
                ];
            }
        }
    }

    private static JsonObject ProjectJson(Project p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["domain_id"] = p.DomainId,
        ["enabled"] = p.Enabled,
        ["is_domain"] = false,
        ["parent_id"] = p.DomainId,
        ["tags"] = new JsonArray(),
    };

    private static JsonObject Version(HttpContext ctx) => new()
    {
        ["id"] = "v3.14",
        ["status"] = "stable",
        ["updated"] = "2020-04-07T00:00:00Z",
        ["links"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/identity/v3/" } },
        ["media-types"] = new JsonArray { new JsonObject { ["base"] = "application/json", ["type"] = "application/vnd.openstack.identity-v3+json" } },
    };

    private static JsonObject Versions(HttpContext ctx) => new()
    {
        ["versions"] = new JsonObject { ["values"] = new JsonArray { Version(ctx) } },
    };
}
