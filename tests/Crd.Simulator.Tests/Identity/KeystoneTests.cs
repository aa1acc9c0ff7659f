using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Identity;

public sealed class KeystoneTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task ApplicationCredential_Valid_Returns201WithTokenAndCatalog()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");
        var response = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens", SimClient.AppCredentialBody(tenant.CredentialId, tenant.Secret));

        response.AssertStatus(201);
        Assert.StartsWith("gAAAA", response.Headers["X-Subject-Token"], StringComparison.Ordinal);
        var token = response.Json!["token"]!;
        Assert.Equal(tenant.ProjectId, token["project"]!["id"]!.GetValue<string>());
        Assert.Equal(["application_credential"], token["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(DateTimeOffset.Parse(token["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        var types = token["catalog"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("compute", types);
        Assert.Contains("volumev3", types);
        Assert.Contains("block-storage", types);
        Assert.Contains("network", types);
        Assert.Contains("image", types);
        Assert.Contains("container-infra", types);
        var compute = token["catalog"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "compute")!["endpoints"]![0]!;
        Assert.Equal("public", compute["interface"]!.GetValue<string>());
        Assert.Equal("RegionOne", compute["region_id"]!.GetValue<string>());
        Assert.Equal(fixture.Sim.BaseUrl + "/sites/toulouse/compute/v2.1", compute["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Catalog_SiteWithoutKubernetes_HasNoContainerInfra()
    {
        var session = await Client.NewSessionAsync("reims");

        var types = session.TokenBody["catalog"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();

        Assert.DoesNotContain("container-infra", types);
        Assert.Contains("compute", types);
    }

    [Fact]
    public async Task ApplicationCredential_WrongSecret_Returns401KeystoneBody()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");

        var response = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens", SimClient.AppCredentialBody(tenant.CredentialId, "wrong"));

        response.AssertStatus(401);
        Assert.Equal(401, response.Json!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Unauthorized", response.Json!["error"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplicationCredential_OtherSite_Returns401()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");

        var response = await Client.PostAsync("/sites/paris/identity/v3/auth/tokens", SimClient.AppCredentialBody(tenant.CredentialId, tenant.Secret));

        response.AssertStatus(401);
    }

    [Fact]
    public async Task ApplicationCredential_ByNameAndUser_Authenticates()
    {
        var tenant = await Client.CreateTenantAsync("montpellier");
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray { "application_credential" },
                    ["application_credential"] = new JsonObject
                    {
                        ["name"] = tenant.ProjectName,
                        ["secret"] = tenant.Secret,
                        ["user"] = new JsonObject { ["id"] = tenant.UserId },
                    },
                },
            },
        };

        var response = await Client.PostAsync("/sites/montpellier/identity/v3/auth/tokens", body);

        response.AssertStatus(201);
        Assert.Equal(tenant.ProjectId, response.Str("token", "project", "id"));
    }

    [Fact]
    public async Task Password_WithProjectScope_ReturnsScopedToken()
    {
        var tenant = await Client.CreateTenantAsync("paris");
        var user = new JsonObject { ["name"] = tenant.ProjectName, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = tenant.Password };
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray { "password" },
                    ["password"] = new JsonObject { ["user"] = user },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = tenant.ProjectName, ["domain"] = new JsonObject { ["id"] = "default" } },
                },
            },
        };

        var response = await Client.PostAsync("/sites/paris/identity/v3/auth/tokens", body);

        response.AssertStatus(201);
        Assert.Equal(tenant.ProjectId, response.Str("token", "project", "id"));
        Assert.Equal("password", response.Json!["token"]!["methods"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_UnknownOnEveryService_Returns401()
    {
        foreach (var path in new[] { "/sites/toulouse/compute/v2.1/servers", "/sites/toulouse/network/v2.0/networks", "/sites/toulouse/image/v2/images",
            "/sites/toulouse/volume/v3/abc/volumes" })
        {
            var response = await Client.GetAsync(path, "gAAAAAnot-a-token");
            response.AssertStatus(401);
            Assert.Equal("Unauthorized", response.Json!["error"]!["title"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Token_AfterLifetime_Returns401AndReauthWorks()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");
        var session = await Client.AuthAsync(tenant);
        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(200);

        await Client.AdvanceAsync(3700);

        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(401);
        var again = await Client.AuthAsync(tenant);
        (await again.GetAsync(again.Compute("/servers"))).AssertStatus(200);
    }

    [Fact]
    public async Task Token_DeletedCredential_IsRevoked()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");
        var session = await Client.AuthAsync(tenant);

        (await Client.SendAsync(HttpMethod.Delete, "/_sim/objects/identity.application_credentials/" + tenant.CredentialId)).AssertStatus(204);

        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(401);
    }

    [Fact]
    public async Task DemoCredentials_AreDeterministicAcrossReset()
    {
        var before = await File.ReadAllTextAsync(Path.Combine(fixture.Sim.DataDirectory, "clouds.yaml"));
        var id = before.Split('\n').First(l => l.Contains("application_credential_id", StringComparison.Ordinal)).Split('"')[1];
        var secret = before.Split('\n').First(l => l.Contains("application_credential_secret", StringComparison.Ordinal)).Split('"')[1];
        var site = before.Split('\n')[1].Trim().TrimEnd(':')["crd-".Length..];

        var response = await Client.PostAsync($"/sites/{site}/identity/v3/auth/tokens", SimClient.AppCredentialBody(id, secret));

        response.AssertStatus(201);
        Assert.Equal("demo", response.Str("token", "project", "name"));
    }

    [Fact]
    public async Task ApplicationCredentialApi_CreateThenAuthenticate_Works()
    {
        var session = await Client.NewSessionAsync("toulouse");
        var userId = session.TokenBody["user"]!["id"]!.GetValue<string>();
        var created = await session.PostAsync($"/sites/toulouse/identity/v3/users/{userId}/application_credentials",
            new JsonObject { ["application_credential"] = new JsonObject { ["name"] = "ci" } });
        created.AssertStatus(201);

        var auth = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens",
            SimClient.AppCredentialBody(created.Str("application_credential", "id"), created.Str("application_credential", "secret")));

        auth.AssertStatus(201);
        Assert.Equal(session.ProjectId, auth.Str("token", "project", "id"));
    }

    [Fact]
    public async Task Token_Revoked_Returns401AndValidationFails()
    {
        var session = await Client.NewSessionAsync("strasbourg");
        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(200);

        var revoke = await Client.SendAsync(HttpMethod.Delete, "/sites/strasbourg/identity/v3/auth/tokens", null, session.Token, ("X-Subject-Token", session.Token));

        revoke.AssertStatus(204);
        (await session.GetAsync(session.Compute("/servers"))).AssertStatus(401);
    }

    [Fact]
    public async Task UnscopedPassword_ThenTokenRescope_GivesCatalog()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");
        var user = new JsonObject { ["id"] = tenant.UserId, ["password"] = tenant.Password };
        var unscoped = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens", new JsonObject
        {
            ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray { "password" }, ["password"] = new JsonObject { ["user"] = user } } },
        });
        unscoped.AssertStatus(201);
        Assert.Null(unscoped.Json!["token"]!["catalog"]);

        var scoped = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens", new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray { "token" },
                    ["token"] = new JsonObject { ["id"] = unscoped.Headers["X-Subject-Token"] },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = tenant.ProjectId } },
            },
        });

        scoped.AssertStatus(201);
        Assert.NotEmpty(scoped.Json!["token"]!["catalog"]!.AsArray());
        var check = await Client.SendAsync(HttpMethod.Get, "/sites/toulouse/identity/v3/auth/tokens", null, scoped.Headers["X-Subject-Token"],
            ("X-Subject-Token", scoped.Headers["X-Subject-Token"]));
        check.AssertStatus(200);
        Assert.Equal(tenant.ProjectId, check.Str("token", "project", "id"));
    }

    [Fact]
    public async Task Password_Wrong_Returns401()
    {
        var tenant = await Client.CreateTenantAsync("toulouse");
        var user = new JsonObject { ["id"] = tenant.UserId, ["password"] = "nope" };

        var response = await Client.PostAsync("/sites/toulouse/identity/v3/auth/tokens", new JsonObject
        {
            ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray { "password" }, ["password"] = new JsonObject { ["user"] = user } } },
        });

        response.AssertStatus(401);
    }
}
