using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests;

/// <summary>Tokens that expire on the site (its clock, not ours) are replaced transparently.</summary>
public sealed class TokenExpiryTests(ShortTokenSim fixture) : IClassFixture<ShortTokenSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Send_TokenExpiredOnSite_ReauthenticatesOnceAndSucceeds()
    {
        using var session = await fixture.NewSessionAsync();
        await session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline);

        // The site's clock passes the token's expiry; ours does not, so the site answers 401.
        await fixture.Sim.AdvanceClockAsync(600);
        var response = await session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, session.AuthenticationCount);
    }

    [Fact]
    public async Task Send_TokenNearLocalExpiry_ReauthenticatesBeforeCalling()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var tenant = await fixture.Sim.CreateTenantAsync();
        using var session = new SiteSession(
            new SiteCredentials("toulouse", tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret),
            new CloudOptions { ReauthMargin = TimeSpan.FromSeconds(60) },
            time: time);
        await session.GetProjectIdAsync(Deadline);

        time.Now += TimeSpan.FromSeconds(250); // 300 s lifetime - 60 s margin < 250 s
        await session.GetProjectIdAsync(Deadline);

        Assert.Equal(2, session.AuthenticationCount);
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
