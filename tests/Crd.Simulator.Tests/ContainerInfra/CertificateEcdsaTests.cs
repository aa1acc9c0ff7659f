using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

/// <summary>Magnum's signer copies the CSR's public key whatever its type: an ECDSA CSR is signed by the RSA cluster CA.</summary>
public sealed class CertificateEcdsaTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    [Fact]
    public async Task SignCsr_EcdsaKey_SignedByTheRsaCaAndChains()
    {
        var session = await fixture.Client.NewSessionAsync();
        var id = await Magnum.CreateClusterAsync(session, "ec-certs");
        var caPem = (await session.GetAsync(Magnum.Path(session, "/certificates/" + id), Magnum.Latest)).AssertStatus(200).Str("pem");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=admin, O=system:masters", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var signed = await session.PostAsync(Magnum.Path(session, "/certificates"), new JsonObject { ["cluster_uuid"] = id, ["csr"] = csr }, Magnum.Latest);

        signed.AssertStatus(201);
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var leaf = X509Certificate2.CreateFromPem(signed.Str("pem"));
        Assert.True(CertificateTests.ChainsTo(leaf, ca));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task ClusterQuota_OwnProject_AnswersTheLimit_OtherProjectIsForbidden()
    {
        var session = await fixture.Client.NewSessionAsync(quota: new JsonObject { ["k8sClusters"] = 3 });
        var other = await fixture.Client.NewSessionAsync();

        var own = await session.GetAsync(Magnum.Path(session, $"/quotas/{session.ProjectId}/Cluster"), Magnum.Latest);
        var foreign = await session.GetAsync(Magnum.Path(session, $"/quotas/{other.ProjectId}/Cluster"), Magnum.Latest);

        own.AssertStatus(200);
        Assert.Equal(3, own.Json!["hard_limit"]!.GetValue<int>());
        Assert.Equal("Cluster", own.Str("resource"));
        foreign.AssertStatus(403);
    }
}
