using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Crd.Cloud.Portal;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Portal;

/// <summary>The Waldur client against crd-sim's portal: token auth, URL references, pagination, DRF errors, orders.</summary>
public sealed class WaldurClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private async Task<WaldurClient> ClientAsync(string user)
    {
        var users = await fixture.Sim.ListObjectsAsync("portal.users");
        var token = users.Single(u => u["Username"]!.GetValue<string>() == user)["Token"]!.GetValue<string>();
        return new WaldurClient(new WaldurOptions(fixture.Sim.BaseUrl + "/portal/api/", token));
    }

    [Fact]
    public async Task ListAsync_MoreItemsThanAPage_FollowsLinkAndKeepsTheFilter()
    {
        using var portal = await ClientAsync("staff");
        var customer = await portal.ResolveCustomerAsync("demo-lab", Deadline);
        var name = "paged-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            await portal.CreateProjectAsync(customer, name, null, null, Deadline);
        }

        // Page size 100 is the client's; a filter with 3 matches among more projects proves the filter holds across pages too.
        var found = await portal.FindProjectsByNameAsync(name, Deadline);
        var offerings = await portal.ListTenantOfferingsAsync(Deadline);

        Assert.Equal(3, found.Count);
        Assert.Equal(5, offerings.Count);
        Assert.Contains(offerings, o => o.Site == "toulouse" && o.PlanUrl is not null);
        Assert.EndsWith($"/portal/api/projects/{found[0].Uuid}/", found[0].Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BadTokenOrFieldError_QuotesTheDrfMessage()
    {
        using var bad = new WaldurClient(new WaldurOptions(fixture.Sim.BaseUrl + "/portal/api/", "0000000000000000000000000000000000000000"));
        using var portal = await ClientAsync("staff");

        var unauthorized = await Assert.ThrowsAsync<CloudApiException>(() => bad.ListCustomersAsync(Deadline));
        var field = await Assert.ThrowsAsync<CloudApiException>(() => portal.PostAsync("projects/", new JsonObject { ["customer"] = "not-a-url", ["name"] = "x" }, Deadline));

        Assert.Equal(401, unauthorized.StatusCode);
        Assert.Contains("Invalid token.", unauthorized.Message, StringComparison.Ordinal);
        Assert.Contains("portal_token", unauthorized.Message, StringComparison.Ordinal);
        Assert.Equal(400, field.StatusCode);
        Assert.Contains("customer: Invalid hyperlink - No URL match.", field.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForOrderAsync_UserToken_ApprovesAsConsumer_ThenTimesOutNamingTheProvider()
    {
        using var portal = await ClientAsync("demo");
        var customer = await portal.ResolveCustomerAsync("demo-lab", Deadline);
        var project = await portal.CreateProjectAsync(customer, "orders-" + Guid.NewGuid().ToString("N")[..6], null, null, Deadline);
        var order = await portal.OrderTenantAsync(project, await portal.TenantOfferingAsync("reims", Deadline), "t" + Guid.NewGuid().ToString("N")[..8], "test", null, Deadline);
        Assert.Equal(WaldurOrder.PendingConsumer, order.State);

        var failure = await Assert.ThrowsAsync<WaldurOrderException>(() => portal.WaitForOrderAsync(order.Uuid, "the tenant on reims", TimeSpan.FromSeconds(1), Deadline));

        Assert.True(failure.IsPending);
        Assert.Equal(WaldurOrder.PendingProvider, failure.Order.State);
        Assert.Contains(order.Uuid, failure.Message, StringComparison.Ordinal);
        Assert.Contains("service provider", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForOrderAsync_StaffToken_EndsDoneWithTheResource()
    {
        using var portal = await ClientAsync("staff");
        var customer = await portal.ResolveCustomerAsync("demo-lab", Deadline);
        var project = await portal.CreateProjectAsync(customer, "staff-" + Guid.NewGuid().ToString("N")[..6], null, null, Deadline);
        var order = await portal.OrderTenantAsync(project, await portal.TenantOfferingAsync("reims", Deadline), "t" + Guid.NewGuid().ToString("N")[..8], "test", null, Deadline);

        var done = await portal.WaitForOrderAsync(order.Uuid, "the tenant on reims", TimeSpan.FromSeconds(30), Deadline);
        var tenant = await portal.GetTenantAsync((await portal.GetResourceAsync(done.MarketplaceResourceUuid!, Deadline)).TenantUuid!, Deadline);

        Assert.True(done.IsDone);
        Assert.NotNull(tenant.BackendId);
        Assert.NotNull(tenant.UserPassword);
        Assert.DoesNotContain(tenant.UserPassword!, tenant.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WaldurErrors_FieldListsAndDetail_BecomeOneLine()
    {
        Assert.Equal("name: This field is required.; limits: A valid integer is required for cores.",
            WaldurErrors.Parse("""{"name": ["This field is required."], "limits": ["A valid integer is required for cores."]}"""));
        Assert.Equal("Not found.", WaldurErrors.Parse("""{"detail": "Not found."}"""));
        Assert.Equal("Order must be in pending-consumer state.", WaldurErrors.Parse("""["Order must be in pending-consumer state."]"""));
        Assert.Equal("attributes.name: This field is required.", WaldurErrors.Parse("""{"attributes": {"name": ["This field is required."]}}"""));
    }

    [Fact]
    public async Task ListAsync_LinkHeaderPages_AreAllRead()
    {
        var handler = new PagedHandler();
        using var portal = new WaldurClient(new WaldurOptions("http://portal.test/api/", "t"), CloudOptions.Default, handler);

        var items = await portal.ListAsync("customers/", "name=x", Deadline);

        Assert.Equal(["a", "b", "c"], items.Select(i => i["name"]!.GetValue<string>()));
        Assert.Equal(2, handler.Calls);
        Assert.Contains("name=x", handler.FirstUrl, StringComparison.Ordinal);
        Assert.Equal("Token t", handler.Authorization);
    }

    private sealed class PagedHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public string FirstUrl { get; private set; } = "";

        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            Authorization = request.Headers.Authorization?.ToString();
            var second = request.RequestUri!.Query.Contains("page=2", StringComparison.Ordinal);
            if (!second)
            {
                FirstUrl = request.RequestUri.ToString();
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(second ? """[{"name":"c"}]""" : """[{"name":"a"},{"name":"b"}]""", Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("X-Result-Count", "3");
            response.Headers.TryAddWithoutValidation("Link", second
                ? "<http://portal.test/api/customers/?page=1&name=x>; rel=\"first\", <http://portal.test/api/customers/?page=2&name=x>; rel=\"last\""
                : "<http://portal.test/api/customers/?page=1&name=x>; rel=\"first\", <http://portal.test/api/customers/?page=2&name=x>; rel=\"next\", <http://portal.test/api/customers/?page=2&name=x>; rel=\"last\"");
            return Task.FromResult(response);
        }
    }
}
