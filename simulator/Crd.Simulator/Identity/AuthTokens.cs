using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>
/// <c>POST /v3/auth/tokens</c>: application_credential (id+secret, or name+secret+user), password
/// (user id, or name+domain) with optional project scope, and token (rescoping).
/// </summary>
public static class AuthTokens
{
    /// <summary>Authenticates the request body; returns the token string and its body.</summary>
    public static (string Token, JsonObject Body) Authenticate(StoreTransaction tx, SimRuntime runtime, SiteConfig site, string baseUrl,
        JsonObject request)
    {
        var auth = request.RequireObject("auth");
        var identity = auth.RequireObject("identity");
        var methods = identity["methods"] as JsonArray ?? throw ApiException.BadRequest("Invalid input for field 'identity/methods': a list is required.");
        var method = methods.Count == 1 && methods[0] is JsonValue first && first.TryGetValue<string>(out var name) ? name : null;
        var scope = auth["scope"] as JsonObject;
        User user;
        Project? project = null;
        ApplicationCredential? credential = null;
        string[] usedMethods;
        switch (method)
        {
            case "application_credential":
                if (scope is not null)
                {
                    throw new ApiException(401, "Application credentials cannot request a scope.");
                }
                credential = FindCredential(tx, site, identity.RequireObject("application_credential"));
                user = tx.Find<User>(credential.UserId) ?? throw TokenService.Unauthorized();
                project = tx.Find<Project>(credential.ProjectId) ?? throw TokenService.Unauthorized();
                usedMethods = ["application_credential"];
                break;
            case "password":
                user = FindUser(tx, site, identity.RequireObject("password").RequireObject("user"), requirePassword: true);
                project = Scope(tx, site, scope, user);
                usedMethods = ["password"];
                break;
            case "token":
                var previous = runtime.Tokens.Validate(tx, site.Name, identity.RequireObject("token").RequireString("id"));
                if (previous.ApplicationCredentialId is not null)
                {
                    throw new ApiException(403, "You are not authorized to perform the requested action: rescoping an application credential token.");
                }
                user = tx.Find<User>(previous.UserId) ?? throw TokenService.Unauthorized();
                project = Scope(tx, site, scope, user);
                usedMethods = ["token", .. previous.Methods.Where(m => m != "token")];
                break;
            default:
                throw new ApiException(401, $"Attempted to authenticate with an unsupported method: {methods.ToJsonString()}.");
        }
        if (credential?.ExpiresAt is { } end && end <= tx.Now)
        {
            throw TokenService.Unauthorized();
        }
        var issued = tx.Now;
        var expires = issued + runtime.Tokens.Lifetime;
        if (credential?.ExpiresAt is { } credentialEnd && credentialEnd < expires)
        {
            expires = credentialEnd;
        }
        var token = runtime.Tokens.Issue(site.Name, user.Id, project?.Id, credential?.Id, usedMethods, issued, expires);
        var info = runtime.Tokens.Validate(tx, site.Name, token);
        return (token, TokenBody(runtime, site, baseUrl, info, user, project, credential));
    }

    /// <summary>The <c>{"token":{...}}</c> body for a validated token.</summary>
    public static JsonObject TokenBody(SimRuntime runtime, SiteConfig site, string baseUrl, TokenInfo info, User user, Project? project,
        ApplicationCredential? credential)
    {
        var token = new JsonObject
        {
            ["methods"] = info.Methods.ToJsonArray(),
            ["user"] = new JsonObject
            {
                ["id"] = user.Id,
                ["name"] = user.Name,
                ["domain"] = Domain(),
                ["password_expires_at"] = null,
            },
            ["audit_ids"] = new JsonArray { runtime.DeriveSecret("audit", info.IssuedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))[..22] },
            ["expires_at"] = KeystoneTime(info.ExpiresAt),
            ["issued_at"] = KeystoneTime(info.IssuedAt),
        };
        if (project is not null)
        {
            token["project"] = new JsonObject { ["id"] = project.Id, ["name"] = project.Name, ["domain"] = Domain() };
            token["is_domain"] = false;
            token["roles"] = new JsonArray([.. info.Roles.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = runtime.DeriveId("role", r),
                ["name"] = r,
            })]);
            token["catalog"] = Catalog.Build(runtime, baseUrl, site, project.Id);
        }
        if (credential is not null)
        {
            token["application_credential"] = new JsonObject
            {
                ["id"] = credential.Id,
                ["name"] = credential.Name,
                ["restricted"] = !credential.Unrestricted,
            };
            token["application_credential_restricted"] = !credential.Unrestricted;
        }
        return new JsonObject { ["token"] = token };
    }

    /// <summary>Keystone's timestamp format, with microseconds.</summary>
    public static string KeystoneTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Domain() => new() { ["id"] = "default", ["name"] = "Default" };

    private static ApplicationCredential FindCredential(StoreTransaction tx, SiteConfig site, JsonObject body)
    {
        var secret = body.RequireString("secret");
        ApplicationCredential? credential;
        if (body.OptString("id") is { } id)
        {
            credential = tx.Find<ApplicationCredential>(id);
        }
        else
        {
            var name = body.RequireString("name");
            var user = FindUser(tx, site, body.RequireObject("user"), requirePassword: false);
            credential = tx.OfSite<ApplicationCredential>(site.Name).FirstOrDefault(c => c.Name == name && c.UserId == user.Id);
        }
        if (credential is null || credential.Site != site.Name
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(credential.Secret), System.Text.Encoding.UTF8.GetBytes(secret)))
        {
            throw TokenService.Unauthorized();
        }
        return credential;
    }

    private static User FindUser(StoreTransaction tx, SiteConfig site, JsonObject body, bool requirePassword)
    {
        User? user;
        if (body.OptString("id") is { } id)
        {
            user = tx.Find<User>(id);
        }
        else
        {
            var name = body.RequireString("name");
            CheckDomain(body);
            user = tx.OfSite<User>(site.Name).FirstOrDefault(u => u.Name == name);
        }
        if (user is null || user.Site != site.Name || !user.Enabled
            || (requirePassword && body.OptString("password") != user.Password))
        {
            throw TokenService.Unauthorized();
        }
        return user;
    }

    private static Project? Scope(StoreTransaction tx, SiteConfig site, JsonObject? scope, User user)
    {
        if (scope is null)
        {
            return null;
        }
        var body = scope.RequireObject("project");
        Project? project;
        if (body.OptString("id") is { } id)
        {
            project = tx.Find<Project>(id);
        }
        else
        {
            var name = body.RequireString("name");
            CheckDomain(body);
            project = tx.OfSite<Project>(site.Name).FirstOrDefault(p => p.Name == name);
        }
        if (project is null || project.Site != site.Name || !project.Members.ContainsKey(user.Id))
        {
            throw TokenService.Unauthorized();
        }
        return project;
    }

    private static void CheckDomain(JsonObject body)
    {
        var domain = body.RequireObject("domain");
        var ok = domain.OptString("id") is "default" || domain.OptString("name") is "Default";
        if (!ok)
        {
            throw TokenService.Unauthorized();
        }
    }
}
