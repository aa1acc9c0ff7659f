using System.Text.Json.Nodes;
using Crd.Cloud.Compute;
using Crd.Cloud.Network;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Network;

/// <summary>NeutronClient against crd-sim: cached lookups, ports, floating IPs whose answer is lost.</summary>
public sealed class NeutronClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task SecurityGroups_ResolveByNameAndId_OneListPerSession()
    {
        using var session = await fixture.NewSessionAsync();
        var neutron = new NeutronClient(session);

        var byName = Assert.Single(await neutron.ResolveSecurityGroupsAsync(["default"], Deadline));
        var byId = Assert.Single(await neutron.ResolveSecurityGroupsAsync([byName.Id], Deadline));
        await neutron.ResolveSecurityGroupsAsync(["default", byName.Id], Deadline);

        Assert.Equal(byName, byId);
        Assert.Equal("default", byName.Name);
        Assert.Equal(2, session.RequestCount); // the token and one list
    }

    [Fact]
    public async Task SecurityGroups_UnknownName_ErrorListsWhatExists()
    {
        using var session = await fixture.NewSessionAsync("reims");

        var error = await Assert.ThrowsAsync<CloudLookupException>(() => new NeutronClient(session).ResolveSecurityGroupsAsync(["default", "web"], Deadline));

        Assert.Equal("no security group \"web\" on reims; available: default", error.Message);
    }

    [Fact]
    public async Task Networks_ProjectAndExternal_Resolved()
    {
        using var session = await fixture.NewSessionAsync();
        var neutron = new NeutronClient(session);

        var project = await neutron.ProjectNetworkAsync(Deadline);
        var external = await neutron.ResolveNetworkAsync(NeutronClient.DefaultExternalNetwork, Deadline);
        var byId = await neutron.ResolveNetworkAsync(project.Id, Deadline);

        Assert.Equal(("private", false), (project.Name, project.External));
        Assert.True(external.External);
        Assert.Equal(project, byId);
        await Assert.ThrowsAsync<CloudLookupException>(() => neutron.ResolveNetworkAsync("nowhere", Deadline));
    }

    [Fact]
    public async Task FloatingIp_EveryAnswerLost_OneAdoptedAndAssociated()
    {
        var (session, transport) = await SessionAsync(new CloudOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, times: 2);
        using (session)
        {
            var neutron = new NeutronClient(session);
            var port = await ServerPortAsync(session);
            var external = await neutron.ResolveNetworkAsync("public", Deadline);

            var floating = await neutron.CreateFloatingIpAsync(external.Id, port.Id, "test " + Guid.NewGuid(), Deadline);

            Assert.Equal(2, transport.Lost);
            Assert.Equal(port.Id, floating.PortId);
            Assert.Equal(floating.Id, Assert.Single(await neutron.ListFloatingIpsAsync("port_id", port.Id, Deadline)).Id);

            await neutron.AssociateFloatingIpAsync(floating.Id, null, Deadline);
            Assert.Empty(await neutron.ListFloatingIpsAsync("port_id", port.Id, Deadline));
            await neutron.DeleteFloatingIpAsync(floating.Id, Deadline);
            await neutron.DeleteFloatingIpAsync(floating.Id, Deadline); // 404 is done
            Assert.Empty(await neutron.ListFloatingIpsAsync("description", floating.Description, Deadline));
        }
    }

    [Fact]
    public async Task FloatingIp_AnswerLostThenResent_OneAddressKept()
    {
        var (session, transport) = await SessionAsync(new CloudOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using (session)
        {
            var neutron = new NeutronClient(session);
            var external = await neutron.ResolveNetworkAsync("public", Deadline);
            var description = "test " + Guid.NewGuid();

            var floating = await neutron.CreateFloatingIpAsync(external.Id, null, description, Deadline);

            Assert.Equal(1, transport.Lost);
            Assert.Equal(floating.Id, Assert.Single(await neutron.ListFloatingIpsAsync("description", description, Deadline)).Id);
        }
    }

    private async Task<(SiteSession Session, Compute.LostAnswerTransport Transport)> SessionAsync(CloudOptions options, int times = 1)
    {
        var tenant = await fixture.Sim.CreateTenantAsync();
        var transport = new Compute.LostAnswerTransport(HttpMethod.Post, "/floatingips", times);
        return (new SiteSession(new SiteCredentials(tenant.Site, tenant.AuthUrl, tenant.Region, tenant.CredentialId, tenant.CredentialSecret), options, transport), transport);
    }

    private static async Task<NeutronPort> ServerPortAsync(SiteSession session)
    {
        var nova = new NovaClient(session);
        var id = await nova.CreateServerAsync(new ServerCreateSpec
        {
            Name = "with-port",
            FlavorId = (await new FlavorClient(session).ResolveAsync("m1.tiny", Deadline)).Id,
            ImageId = (await new Image.ImageClient(session).ResolveAsync("debian-12", Deadline)).Id,
            NetworkId = (await new NeutronClient(session).ProjectNetworkAsync(Deadline)).Id,
            RequestMarker = Guid.NewGuid().ToString("N"),
        }, Deadline);
        await nova.WaitUntilSettledAsync(id, "build", TimeSpan.FromSeconds(30), Deadline);
        return Assert.Single(await new NeutronClient(session).ListPortsAsync(id, Deadline));
    }
}
