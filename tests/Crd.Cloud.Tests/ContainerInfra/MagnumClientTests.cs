using System.Security.Cryptography.X509Certificates;
using System.Text;
using Crd.Cloud.ContainerInfra;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.ContainerInfra;

/// <summary>The Magnum client and its multi-step operations against crd-sim's Magnum.</summary>
public sealed class MagnumClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private static async Task<(MagnumClient Magnum, string Id)> ClusterAsync(SiteSession session, int nodes = 1)
    {
        var magnum = new MagnumClient(session);
        var template = await magnum.ResolveTemplateAsync("k8s-v1.30", Deadline);
        var id = await magnum.CreateClusterAsync(new ClusterCreateSpec("c", template.Id) { NodeCount = nodes, FlavorId = "m1.small", MasterFlavorId = "m1.small" }, Deadline);
        await magnum.WaitForStatusAsync(id, MagnumStatus.CreateComplete, TimeSpan.FromSeconds(30), Deadline);
        return (magnum, id);
    }

    [Fact]
    public async Task ResolveTemplate_UnknownName_LookupErrorListsTheTemplates()
    {
        using var session = await fixture.NewSessionAsync();

        var error = await Assert.ThrowsAsync<CloudLookupException>(() => new MagnumClient(session).ResolveTemplateAsync("k8s-v9", Deadline));

        Assert.Contains("k8s-v1.30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_BoundsAndCountTogether_WidensResizesThenNarrows()
    {
        using var session = await fixture.NewSessionAsync();
        var (magnum, id) = await ClusterAsync(session);
        var operations = new ClusterOperations(magnum);
        await operations.CreateNodegroupAsync(id, new NodegroupSpec("g", "m1.small", 1, 1, 2, new Dictionary<string, string>()), TimeSpan.FromSeconds(30), Deadline);
        var group = (await magnum.ListNodegroupsAsync(id, Deadline)).Single(g => g.Name == "g");

        // 1 node in [1, 2] to 4 nodes in [3, 5]: neither the current bounds hold 4 nor the new ones hold 1.
        await operations.ScaleAsync(id, group, 4, 3, 5, TimeSpan.FromSeconds(30), Deadline);

        group = (await magnum.FindNodegroupAsync(id, "g", Deadline))!;
        Assert.Equal((4, 3, (int?)5), (group.NodeCount, group.MinNodeCount, group.MaxNodeCount));
    }

    [Fact]
    public async Task WaitForStatus_ClusterFails_ThrowsWithStatusReason()
    {
        using var session = await fixture.NewSessionAsync(quota: new System.Text.Json.Nodes.JsonObject { ["cores"] = 1 });
        var magnum = new MagnumClient(session);
        var template = await magnum.ResolveTemplateAsync("k8s-v1.30", Deadline);
        var id = await magnum.CreateClusterAsync(new ClusterCreateSpec("big", template.Id) { NodeCount = 3, FlavorId = "m1.small", MasterFlavorId = "m1.small" }, Deadline);

        var error = await Assert.ThrowsAsync<MagnumOperationException>(() => magnum.WaitForStatusAsync(id, MagnumStatus.CreateComplete, TimeSpan.FromSeconds(30), Deadline));

        Assert.Equal("CREATE_FAILED", error.Status);
        Assert.Contains("Quota exceeded for cores", error.Message, StringComparison.Ordinal);
        Assert.Contains("status_reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueCredentials_Kubeconfig_HoldsACertificateOfTheLocalKeyThatChainsToTheCa()
    {
        using var session = await fixture.NewSessionAsync();
        var (magnum, id) = await ClusterAsync(session);
        var cluster = await magnum.GetClusterAsync(id, Deadline);

        var credentials = await ClusterCredentials.IssueAsync(magnum, cluster, Deadline);
        var kubeconfig = credentials.RenderKubeconfig();

        using var pair = X509Certificate2.CreateFromPem(credentials.ClientCertificatePem, credentials.ClientKeyPem);
        using var ca = X509Certificate2.CreateFromPem(credentials.CaCertificatePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(pair));
        Assert.Contains($"server: \"{cluster.ApiAddress}\"", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("client-key-data: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ClientKeyPem)), kubeconfig, StringComparison.Ordinal);
        Assert.Contains("current-context: \"c\"", kubeconfig, StringComparison.Ordinal);
    }
}
