using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests;

/// <summary>Keystone application-credential sessions against a real crd-sim process.</summary>
public sealed class SiteSessionTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Authenticate_ValidCredential_ProjectAndCatalogKnown()
    {
        var tenant = await fixture.Sim.CreateTenantAsync("montpellier");
        using var session = new SiteSession(new SiteCredentials("montpellier", tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret));

        Assert.Equal(tenant.ProjectId, await session.GetProjectIdAsync(Deadline));
        Assert.Equal(tenant.ProjectName, await session.GetProjectNameAsync(Deadline));
        Assert.True(await session.OffersAsync(CloudService.Compute, Deadline));
        Assert.True(await session.OffersAsync(CloudService.Volume, Deadline));
        Assert.EndsWith("/network/v2.0", await session.GetEndpointAsync(CloudService.Network, Deadline), StringComparison.Ordinal);
        Assert.EndsWith("/image/v2", await session.GetEndpointAsync(CloudService.Image, Deadline), StringComparison.Ordinal);
        Assert.EndsWith("/volume/v3/" + tenant.ProjectId, await session.GetEndpointAsync(CloudService.Volume, Deadline), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ManyCalls_AuthenticatesOnce()
    {
        using var session = await fixture.NewSessionAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline)));
        await session.SendAsync(CloudRequest.Get(CloudService.Network, "/networks"), Deadline);

        Assert.Equal(1, session.AuthenticationCount);
        Assert.Equal(10, session.RequestCount);
    }

    [Fact]
    public async Task Authenticate_WrongSecret_ErrorNamesCredentialButNotSecret()
    {
        var tenant = await fixture.Sim.CreateTenantAsync();
        using var session = new SiteSession(new SiteCredentials("toulouse", tenant.AuthUrl, tenant.Region, tenant.CredentialId, "not-the-secret-4242"));

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.GetProjectIdAsync(Deadline));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("identity", error.Service);
        Assert.Contains(tenant.CredentialId, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-4242", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-4242", session.Credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingServer_NotFoundWithNovaMessage()
    {
        using var session = await fixture.NewSessionAsync();

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.SendAsync(CloudRequest.Get(CloudService.Compute, "/servers/0b5e3f6c-0000-4000-8000-000000000000"), Deadline));

        Assert.True(error.IsNotFound);
        Assert.Equal("itemNotFound", error.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(error.ServiceMessage));
        Assert.Contains("compute GET /servers/0b5e3f6c-0000-4000-8000-000000000000 on toulouse: 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ServiceTheSiteLacks_ErrorListsCatalog()
    {
        using var session = await fixture.NewSessionAsync("reims");

        Assert.False(await session.OffersAsync(CloudService.ContainerInfra, Deadline));
        var error = await Assert.ThrowsAsync<CloudException>(() => session.SendAsync(CloudRequest.Get(CloudService.ContainerInfra, "/clusters"), Deadline));

        Assert.Contains("reims offers no container-infra service", error.Message, StringComparison.Ordinal);
        Assert.Contains("compute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadRequest_NotRetriedAndMessageQuoted()
    {
        using var session = await fixture.NewSessionAsync();
        await session.GetProjectIdAsync(Deadline);
        var before = session.RequestCount;

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.SendAsync(
            CloudRequest.Post(CloudService.Compute, "/servers", new System.Text.Json.Nodes.JsonObject { ["server"] = new System.Text.Json.Nodes.JsonObject() }, "2.79"), Deadline));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(1, session.RequestCount - before);
        Assert.False(string.IsNullOrWhiteSpace(error.ServiceMessage));
    }
}
