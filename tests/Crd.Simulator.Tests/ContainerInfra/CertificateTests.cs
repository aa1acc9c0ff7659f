using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

public sealed class CertificateTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    /// <summary>What the Terraform provider does for a kubeconfig: a local key, a CSR with CN=admin, O=system:masters.</summary>
    internal static (string Csr, RSA Key) NewCsr()
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=admin,O=system:masters,OU=terraform", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (request.CreateSigningRequestPem(), key);
    }

    internal static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(leaf);
    }

    [Fact]
    public async Task SignCsr_ReturnsClientCertificateThatChainsToClusterCa()
    {
        var session = await Client.NewSessionAsync();
        var id = await Magnum.CreateClusterAsync(session, "certs");
        var caPem = (await session.GetAsync(Magnum.Path(session, "/certificates/" + id), Magnum.Latest)).AssertStatus(200).Str("pem");
        var (csr, key) = NewCsr();
        using var _ = key;

        var signed = await session.PostAsync(Magnum.Path(session, "/certificates"), new JsonObject { ["cluster_uuid"] = id, ["csr"] = csr }, Magnum.Latest);

        signed.AssertStatus(201);
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var leaf = X509Certificate2.CreateFromPem(signed.Str("pem"));
        Assert.True(ChainsTo(leaf, ca));
        Assert.Contains("CN=admin", leaf.Subject);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task SignCsr_OfAnotherCluster_DoesNotChainToThisCa()
    {
        var session = await Client.NewSessionAsync();
        var first = await Magnum.CreateClusterAsync(session, "c-one");
        var second = await Magnum.CreateClusterAsync(session, "c-two");
        var caPem = (await session.GetAsync(Magnum.Path(session, "/certificates/" + first), Magnum.Latest)).AssertStatus(200).Str("pem");
        var (csr, key) = NewCsr();
        using var _ = key;

        var signed = (await session.PostAsync(Magnum.Path(session, "/certificates"), new JsonObject { ["cluster_uuid"] = second, ["csr"] = csr }, Magnum.Latest)).AssertStatus(201);

        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var leaf = X509Certificate2.CreateFromPem(signed.Str("pem"));
        Assert.False(ChainsTo(leaf, ca));
    }

    [Fact]
    public async Task SignCsr_Garbage_Is400()
    {
        var session = await Client.NewSessionAsync();
        var id = await Magnum.CreateClusterAsync(session, "bad-csr");

        var response = await session.PostAsync(Magnum.Path(session, "/certificates"), new JsonObject { ["cluster_uuid"] = id, ["csr"] = "not a csr" }, Magnum.Latest);

        response.AssertStatus(400);
        Assert.NotNull(response.Json!["errors"]);
    }
}
