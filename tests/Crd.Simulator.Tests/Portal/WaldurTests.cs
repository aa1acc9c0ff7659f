using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Portal;

public sealed class WaldurTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private Waldur Api => new(fixture.Sim);

    private SimClient Client => fixture.Client;

    private async Task<SimResponse> PasswordAuthAsync(string site, string username, string password, string projectId) =>
        await Client.PostAsync($"/sites/{site}/identity/v3/auth/tokens", new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray { "password" },
                    ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = username, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password } },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } },
            },
        });

    [Fact]
    public async Task Request_WithoutOrWithBadToken_Is401WithDetail()
    {
        var none = await Api.SendAsync(HttpMethod.Get, "/customers/", null);
        none.AssertStatus(401);
        Assert.Equal("Authentication credentials were not provided.", none.Json!["detail"]!.GetValue<string>());

        var bad = await Api.SendAsync(HttpMethod.Get, "/customers/", "0000000000000000000000000000000000000000");
        bad.AssertStatus(401);
        Assert.Equal("Invalid token.", bad.Json!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Projects_CrudUnderDemoLab_WithUrlsAndEndDate()
    {
        var project = await Api.CreateProjectAsync(Api.UserToken, "proj-crud");
        var uuid = project["uuid"]!.GetValue<string>();
        Assert.EndsWith($"/portal/api/projects/{uuid}/", project["url"]!.GetValue<string>());
        Assert.Equal("2030-12-31", project["end_date"]!.GetValue<string>());

        var customer = await Api.CustomerAsync(Api.UserToken);
        var badDate = await Api.SendAsync(HttpMethod.Post, "/projects/", Api.UserToken, new JsonObject { ["customer"] = customer["url"]!.GetValue<string>(), ["name"] = "x", ["end_date"] = "31/12/2030" });
        badDate.AssertStatus(400);
        Assert.NotNull(badDate.Json!["end_date"]);
        var bareUuid = await Api.SendAsync(HttpMethod.Post, "/projects/", Api.UserToken, new JsonObject { ["customer"] = customer["uuid"]!.GetValue<string>(), ["name"] = "x" });
        bareUuid.AssertStatus(400);
        Assert.Equal("Invalid hyperlink - No URL match.", bareUuid.Json!["customer"]![0]!.GetValue<string>());

        (await Api.SendAsync(HttpMethod.Patch, $"/projects/{uuid}/", Api.UserToken, new JsonObject { ["name"] = "proj-renamed" })).AssertStatus(200);
        Assert.Equal("proj-renamed", (await Api.GetAsync($"/projects/{uuid}/", Api.UserToken))["name"]!.GetValue<string>());
        (await Api.SendAsync(HttpMethod.Delete, $"/projects/{uuid}/", Api.UserToken)).AssertStatus(204);
        (await Api.SendAsync(HttpMethod.Get, $"/projects/{uuid}/", Api.UserToken)).AssertStatus(404);
    }

    [Fact]
    public async Task ListLinks_KeepTheFilters_SoTheNextPageIsOfTheSameList()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/marketplace-public-offerings/?type=OpenStack.Tenant&page_size=2", Api.UserToken);

        response.AssertStatus(200);
        var link = response.Headers["Link"];
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        var next = link.Split(',').Single(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("type=OpenStack.Tenant", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offerings_OnePerComputeSite_WithComponentPrices()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/marketplace-public-offerings/?type=OpenStack.Tenant", Api.UserToken);

        response.AssertStatus(200);
        Assert.Equal("5", response.Headers["X-Result-Count"]);
        var offering = response.Json!.AsArray()[0]!;
        Assert.Equal(["cores", "ram", "storage"], offering["components"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        Assert.True(offering["plans"]![0]!["prices"]!["cores"]!.GetValue<decimal>() > 0);
    }

    [Fact]
    public async Task StaffOrder_IsDone_AndTheTenantIsARealKeystoneProject()
    {
        var project = await Api.CreateProjectAsync(Api.StaffToken, "proj-staff");
        var tenantName = Waldur.NewName();

        var order = (await Api.OrderTenantAsync(Api.StaffToken, project, "reims", tenantName)).AssertStatus(201).Json!;
        var done = await Api.GetAsync($"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/", Api.StaffToken);

        Assert.Equal("done", done["state"]!.GetValue<string>());
        var resource = await Api.GetAsync($"/marketplace-resources/{done["marketplace_resource_uuid"]!.GetValue<string>()}/", Api.StaffToken);
        Assert.Equal("OK", resource["state"]!.GetValue<string>());
        var tenant = await Api.GetAsync($"/openstack-tenants/{resource["resource_uuid"]!.GetValue<string>()}/", Api.StaffToken);
        var projectId = tenant["backend_id"]!.GetValue<string>();
        Assert.Equal(resource["backend_id"]!.GetValue<string>(), projectId);

        var auth = await PasswordAuthAsync("reims", tenant["user_username"]!.GetValue<string>(), tenant["user_password"]!.GetValue<string>(), projectId);
        auth.AssertStatus(201);
        Assert.Equal(projectId, auth.Json!["token"]!["project"]!["id"]!.GetValue<string>());
        var quota = await Client.GetAsync($"/sites/reims/compute/v2.1/os-quota-sets/{projectId}", auth.Headers["X-Subject-Token"]);
        Assert.Equal(8, quota.AssertStatus(200).Json!["quota_set"]!["cores"]!.GetValue<int>());
    }

    [Fact]
    public async Task UserOrder_NeedsConsumerThenProviderApproval()
    {
        var project = await Api.CreateProjectAsync(Api.UserToken, "proj-user");
        var order = (await Api.OrderTenantAsync(Api.UserToken, project, "paris", Waldur.NewName())).AssertStatus(201).Json!;
        var path = $"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/";
        Assert.Equal("pending-consumer", order["state"]!.GetValue<string>());

        (await Api.SendAsync(HttpMethod.Post, path + "approve_by_consumer/", Api.UserToken)).AssertStatus(200);
        Assert.Equal("pending-provider", (await Api.GetAsync(path, Api.UserToken))["state"]!.GetValue<string>());
        (await Api.SendAsync(HttpMethod.Post, path + "approve_by_provider/", Api.UserToken)).AssertStatus(403);
        (await Api.SendAsync(HttpMethod.Post, path + "approve_by_provider/", Api.StaffToken)).AssertStatus(200);

        var done = await Api.GetAsync(path, Api.UserToken);
        Assert.Equal("done", done["state"]!.GetValue<string>());
        Assert.NotNull(done["marketplace_resource_uuid"]);
    }

    [Fact]
    public async Task Order_WithBadLimits_Errs()
    {
        var project = await Api.CreateProjectAsync(Api.StaffToken, "proj-bad");

        var order = (await Api.OrderTenantAsync(Api.StaffToken, project, "reims", Waldur.NewName(), new JsonObject { ["cores"] = -1 })).AssertStatus(201).Json!;

        var erred = await Api.GetAsync($"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/", Api.StaffToken);
        Assert.Equal("erred", erred["state"]!.GetValue<string>());
        Assert.Contains("cores", erred["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Order_WithInjectedFailure_ErrsWithMessage()
    {
        var project = await Api.CreateProjectAsync(Api.StaffToken, "proj-fault");
        (await Client.PostAsync("/_sim/faults", new JsonObject { ["service"] = "portal", ["kind"] = "build-error", ["count"] = 1, ["message"] = "OpenStack is on fire" })).AssertStatus(201);

        var order = (await Api.OrderTenantAsync(Api.StaffToken, project, "montpellier", Waldur.NewName())).AssertStatus(201).Json!;

        var erred = await Api.GetAsync($"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/", Api.StaffToken);
        Assert.Equal("erred", erred["state"]!.GetValue<string>());
        Assert.Equal("OpenStack is on fire", erred["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateLimitsThenTerminate_ChangeQuotaThenRemoveTheProject()
    {
        var project = await Api.CreateProjectAsync(Api.StaffToken, "proj-life");
        var order = (await Api.OrderTenantAsync(Api.StaffToken, project, "toulouse", Waldur.NewName())).AssertStatus(201).Json!;
        var resourceUuid = (await Api.GetAsync($"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/", Api.StaffToken))["marketplace_resource_uuid"]!.GetValue<string>();
        var resource = await Api.GetAsync($"/marketplace-resources/{resourceUuid}/", Api.StaffToken);
        var tenant = await Api.GetAsync($"/openstack-tenants/{resource["resource_uuid"]!.GetValue<string>()}/", Api.StaffToken);
        var projectId = tenant["backend_id"]!.GetValue<string>();
        var (user, password) = (tenant["user_username"]!.GetValue<string>(), tenant["user_password"]!.GetValue<string>());

        var update = (await Api.SendAsync(HttpMethod.Post, $"/marketplace-resources/{resourceUuid}/update_limits/", Api.StaffToken,
            new JsonObject { ["limits"] = new JsonObject { ["cores"] = 12, ["ram"] = 16384 } })).AssertStatus(200);
        Assert.Equal("done", (await Api.GetAsync($"/marketplace-orders/{update.Str("order_uuid")}/", Api.StaffToken))["state"]!.GetValue<string>());
        var auth = (await PasswordAuthAsync("toulouse", user, password, projectId)).AssertStatus(201);
        var quota = (await Client.GetAsync($"/sites/toulouse/compute/v2.1/os-quota-sets/{projectId}", auth.Headers["X-Subject-Token"])).AssertStatus(200).Json!["quota_set"]!;
        Assert.Equal(12, quota["cores"]!.GetValue<int>());
        Assert.Equal(16384, quota["ram"]!.GetValue<int>());

        var terminate = (await Api.SendAsync(HttpMethod.Post, $"/marketplace-resources/{resourceUuid}/terminate/", Api.StaffToken)).AssertStatus(200);
        var terminateOrder = await Api.GetAsync($"/marketplace-orders/{terminate.Str("order_uuid")}/", Api.StaffToken);
        Assert.Equal("Terminate", terminateOrder["type"]!.GetValue<string>());
        Assert.Equal("done", terminateOrder["state"]!.GetValue<string>());
        Assert.Equal("Terminated", (await Api.GetAsync($"/marketplace-resources/{resourceUuid}/", Api.StaffToken))["state"]!.GetValue<string>());
        (await PasswordAuthAsync("toulouse", user, password, projectId)).AssertStatus(401);
    }
}
