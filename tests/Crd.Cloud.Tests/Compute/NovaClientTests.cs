using System.Text.Json.Nodes;
using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Network;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Compute;

/// <summary>NovaClient against crd-sim: the server lifecycle, waits, and creates whose answer is lost.</summary>
public sealed class NovaClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Server_CreateUpdateResizePowerDelete_NovaReflectsEachStep()
    {
        using var session = await fixture.NewSessionAsync();
        var nova = new NovaClient(session);
        var spec = await SpecAsync(session, "lifecycle");

        var id = await nova.CreateServerAsync(spec, Deadline);
        var server = await nova.WaitUntilSettledAsync(id, "build", TimeSpan.FromSeconds(30), Deadline);
        Assert.Equal(("ACTIVE", "m1.small"), (server.Status, server.FlavorName));
        Assert.Equal(spec.RequestMarker, server.Metadata[NovaClient.RequestMarkerKey]);
        Assert.Contains(server.Addresses, a => a is { Network: "private", IsFloating: false });
        Assert.Equal(["default"], server.SecurityGroupNames);

        await nova.RenameAsync(id, "renamed", Deadline);
        await nova.ReplaceMetadataAsync(id, new Dictionary<string, string> { ["a"] = "1" }, Deadline);
        await nova.ReplaceTagsAsync(id, ["x", "y"], Deadline);
        var medium = await new FlavorClient(session).ResolveAsync("m1.medium", Deadline);
        await nova.ResizeAsync(id, medium.Id, Deadline);
        await nova.WaitForStatusAsync(id, "resize", new HashSet<string> { "VERIFY_RESIZE" }, TimeSpan.FromSeconds(30), Deadline);
        await nova.ConfirmResizeAsync(id, Deadline);
        await nova.StopAsync(id, Deadline);
        server = await nova.WaitForStatusAsync(id, "stop", new HashSet<string> { "SHUTOFF" }, TimeSpan.FromSeconds(30), Deadline);
        Assert.Equal("renamed", server.Name);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, server.Metadata);
        Assert.Equal(["x", "y"], server.Tags.Order());
        Assert.Equal("m1.medium", server.FlavorName);

        await nova.DeleteServerAsync(id, Deadline);
        await nova.WaitUntilDeletedAsync(id, TimeSpan.FromSeconds(30), Deadline);
        Assert.Null(await nova.GetServerAsync(id, Deadline));
        await nova.DeleteServerAsync(id, Deadline); // 404 is done
    }

    [Fact]
    public async Task CreateServer_EveryAnswerLost_AdoptsOneServerDeletesTheOther()
    {
        // Two attempts (one retry), both performed by Nova, both answers lost.
        var transport = new LostAnswerTransport(HttpMethod.Post, "/servers", times: 2);
        using var session = await SessionAsync(new CloudOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, transport);
        var nova = new NovaClient(session);
        var spec = await SpecAsync(session, "adopted");

        var id = await nova.CreateServerAsync(spec, Deadline);

        Assert.Equal(2, transport.Lost);
        var remaining = (await nova.ListServersAsync("adopted", Deadline)).Where(s => s.TaskState != "deleting").ToList();
        Assert.Equal(id, Assert.Single(remaining).Id);
    }

    [Fact]
    public async Task CreateServer_AnswerLostThenResent_DuplicateDeleted()
    {
        var transport = new LostAnswerTransport(HttpMethod.Post, "/servers");
        using var session = await SessionAsync(new CloudOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, transport);
        var nova = new NovaClient(session);
        var spec = await SpecAsync(session, "resent");

        var id = await nova.CreateServerAsync(spec, Deadline);

        Assert.Equal(1, transport.Lost);
        var remaining = (await nova.ListServersAsync("resent", Deadline)).Where(s => s.TaskState != "deleting").ToList();
        Assert.Equal(id, Assert.Single(remaining).Id);
    }

    [Fact]
    public async Task WaitUntilSettled_BuildEndsInError_ThrowsWithNovaFaultMessage()
    {
        await fixture.Sim.SetFaultsAsync([new JsonObject { ["site"] = "paris", ["kind"] = "build-error", ["count"] = 1, ["message"] = "No valid host was found. Rack on fire." }]);
        try
        {
            using var session = await fixture.NewSessionAsync("paris");
            var nova = new NovaClient(session);
            var id = await nova.CreateServerAsync(await SpecAsync(session, "doomed"), Deadline);

            var error = await Assert.ThrowsAsync<CloudOperationException>(() => nova.WaitUntilSettledAsync(id, "build", TimeSpan.FromSeconds(30), Deadline));

            Assert.Contains("is in ERROR: No valid host was found. Rack on fire.", error.Message, StringComparison.Ordinal);
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Sim.ClearFaultsAsync();
        }
    }

    private async Task<SiteSession> SessionAsync(CloudOptions options, HttpMessageHandler transport)
    {
        var tenant = await fixture.Sim.CreateTenantAsync();
        return new SiteSession(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret), options, transport);
    }

    private static async Task<ServerCreateSpec> SpecAsync(SiteSession session, string name) => new()
    {
        Name = name,
        FlavorId = (await new FlavorClient(session).ResolveAsync("m1.small", Deadline)).Id,
        ImageId = (await new ImageClient(session).ResolveAsync("debian-12", Deadline)).Id,
        NetworkId = (await new NeutronClient(session).ProjectNetworkAsync(Deadline)).Id,
        RequestMarker = Guid.NewGuid().ToString("N"),
    };
}
