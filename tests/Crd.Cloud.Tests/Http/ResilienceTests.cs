using System.Text.Json.Nodes;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Http;

/// <summary>The retry policy of DESIGN.md §5 against crd-sim's fault injection (one class: faults are global to the process).</summary>
public sealed class ResilienceTests(CloudSim fixture) : IClassFixture<CloudSim>, IAsyncLifetime
{
    private static readonly CloudOptions Fast = new() { MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromSeconds(2) };

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public Task InitializeAsync() => fixture.Sim.ClearFaultsAsync();

    public Task DisposeAsync() => fixture.Sim.ClearFaultsAsync();

    [Theory]
    [InlineData("status", 503)]
    [InlineData("status", 502)]
    [InlineData("status", 429)]
    [InlineData("reset", 0)]
    public async Task Send_TransientFailureTwice_RetriedAndSucceeds(string kind, int status)
    {
        using var session = await fixture.NewSessionAsync("paris", Fast);
        await session.GetProjectIdAsync(Deadline);
        await fixture.Sim.SetFaultsAsync([Rule(kind, status, "/flavors/detail", count: 2, site: "paris")]);
        var before = session.RequestCount;

        var response = await session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, session.RequestCount - before);
    }

    [Fact]
    public async Task Send_429WithRetryAfter_WaitsAtLeastRetryAfter()
    {
        using var session = await fixture.NewSessionAsync("paris", Fast);
        await session.GetProjectIdAsync(Deadline);
        var rule = Rule("status", 429, "/flavors/detail", count: 1, site: "paris");
        rule["retryAfter"] = 1;
        await fixture.Sim.SetFaultsAsync([rule]);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline);

        // Lower bound only: Retry-After must be honoured (no upper bound; machines are noisy).
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {started.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Send_Always503_GivesUpAfterMaxRetriesWithServiceError()
    {
        using var session = await fixture.NewSessionAsync("paris", Fast);
        await session.GetProjectIdAsync(Deadline);
        await fixture.Sim.SetFaultsAsync([Rule("status", 503, "/flavors/detail", count: null, site: "paris")]);
        var before = session.RequestCount;

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1 + Fast.MaxRetries, session.RequestCount - before);
    }

    [Fact]
    public async Task Send_MaxRetriesZero_OneAttemptThenServiceError()
    {
        using var session = await fixture.NewSessionAsync("paris", new CloudOptions { MaxRetries = 0 });
        await session.GetProjectIdAsync(Deadline);
        await fixture.Sim.SetFaultsAsync([Rule("status", 503, "/flavors/detail", count: null, site: "paris")]);
        var before = session.RequestCount;

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, session.RequestCount - before);
    }

    [Fact]
    public async Task Send_AlwaysReset_UnreachableAfterRetries()
    {
        using var session = await fixture.NewSessionAsync("paris", Fast);
        await session.GetProjectIdAsync(Deadline);
        await fixture.Sim.SetFaultsAsync([Rule("reset", 0, "/flavors/detail", count: null, site: "paris")]);

        var error = await Assert.ThrowsAsync<CloudUnreachableException>(() => session.SendAsync(CloudRequest.Get(CloudService.Compute, "/flavors/detail"), Deadline));

        Assert.Contains("cannot reach compute on paris", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_QuotaRefusal_NotRetried()
    {
        using var session = await fixture.NewSessionAsync("paris", Fast, new JsonObject { ["volumes"] = 0 });
        await session.GetProjectIdAsync(Deadline);
        var before = session.RequestCount;

        var error = await Assert.ThrowsAsync<CloudApiException>(() => session.SendAsync(
            CloudRequest.Post(CloudService.Volume, "/volumes", new JsonObject { ["volume"] = new JsonObject { ["size"] = 1, ["name"] = "q" } }, "3.60"), Deadline));

        Assert.True(error.IsQuotaExceeded, error.Message);
        Assert.Equal(1, session.RequestCount - before);
    }

    [Fact]
    public async Task Send_PostAfterReset_BodyResentIntact()
    {
        using var session = await fixture.NewSessionAsync("paris", Fast);
        await session.GetProjectIdAsync(Deadline);
        await fixture.Sim.SetFaultsAsync([Rule("reset", 0, "/volumes", count: 1, site: "paris", method: "POST")]);

        var response = await session.SendAsync(
            CloudRequest.Post(CloudService.Volume, "/volumes", new JsonObject { ["volume"] = new JsonObject { ["size"] = 2, ["name"] = "after-reset" } }, "3.60"), Deadline);

        Assert.Equal("after-reset", response.Object("volume")["name"]!.GetValue<string>());
        Assert.Equal(2, response.Object("volume")["size"]!.GetValue<int>());
    }

    private static JsonObject Rule(string kind, int status, string path, int? count, string site, string? method = null)
    {
        var rule = new JsonObject { ["kind"] = kind, ["path"] = path, ["site"] = site, ["rate"] = 1.0 };
        if (status != 0)
        {
            rule["status"] = status;
        }

        if (count is not null)
        {
            rule["count"] = count;
        }

        if (method is not null)
        {
            rule["method"] = method;
        }

        return rule;
    }
}
