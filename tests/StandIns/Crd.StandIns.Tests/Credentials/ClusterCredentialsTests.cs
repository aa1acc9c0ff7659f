using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Crd.StandIns.Credentials;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.StandIns.Tests.Credentials;

public sealed class ClusterCredentialsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Check_ClientSignedByCa_Accepted()
    {
        var (ca, caKey) = Authority("CN=cluster-ca");
        var (client, key) = Client("CN=admin", ca, caKey);

        var diagnostics = new DiagnosticCollection();
        var result = ClusterCredentials.Check(Config("https://10.0.0.1:6443", ca, client, key), CtyPath.Root.Attribute("kubernetes"), diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal("https://10.0.0.1:6443", result!.Host);
    }

    [Fact]
    public void Check_SameIssuerNameOtherKey_SignatureInvalidOnClientCertificate()
    {
        var (ca, _) = Authority("CN=cluster-ca");
        var (impostor, impostorKey) = Authority("CN=cluster-ca");
        var (client, key) = Client("CN=admin", impostor, impostorKey);

        var diagnostics = new DiagnosticCollection();
        Assert.Null(ClusterCredentials.Check(Config("https://h", ca, client, key), CtyPath.Root.Attribute("kubernetes"), diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal("Client Certificate Signature Invalid", error.Summary);
        Assert.Equal(CtyPath.Root.Attribute("kubernetes").Attribute("client_certificate"), error.Attribute);
    }

    [Fact]
    public void Check_OtherCa_NotIssuedError()
    {
        var (ca, _) = Authority("CN=cluster-ca");
        var (other, otherKey) = Authority("CN=other-ca");
        var (client, key) = Client("CN=admin", other, otherKey);

        var diagnostics = new DiagnosticCollection();
        ClusterCredentials.Check(Config("https://h", ca, client, key), CtyPath.Root, diagnostics);

        Assert.Equal("Client Certificate Not Issued By Cluster CA", Assert.Single(diagnostics).Summary);
    }

    [Fact]
    public void Check_KeyOfAnotherCertificate_ErrorWithoutKeyMaterial()
    {
        var (ca, caKey) = Authority("CN=cluster-ca");
        var (client, _) = Client("CN=admin", ca, caKey);
        var (_, otherKey) = Client("CN=other", ca, caKey);

        var diagnostics = new DiagnosticCollection();
        ClusterCredentials.Check(Config("https://h", ca, client, otherKey), CtyPath.Root, diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal("Client Key Does Not Match Certificate", error.Summary);
        Assert.Equal(CtyPath.Root.Attribute("client_key"), error.Attribute);
        Assert.DoesNotContain("PRIVATE KEY", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.0.0.1:6443")]
    [InlineData("10.0.0.1:6443")]
    public void Check_HostNotHttps_ErrorOnHost(string host)
    {
        var diagnostics = new DiagnosticCollection();
        ClusterCredentials.Check(CtyValue.Object([KeyValuePair.Create("host", CtyValue.String(host))]), CtyPath.Root, diagnostics);

        Assert.Equal(CtyPath.Root.Attribute("host"), Assert.Single(diagnostics).Attribute);
    }

    [Fact]
    public void Check_CertificateNotPem_Error()
    {
        var diagnostics = new DiagnosticCollection();
        ClusterCredentials.Check(CtyValue.Object([KeyValuePair.Create("cluster_ca_certificate", CtyValue.String("/etc/ca.crt"))]), CtyPath.Root, diagnostics);

        Assert.Equal("Invalid PEM Certificate", Assert.Single(diagnostics).Summary);
    }

    private static CtyValue Config(string host, X509Certificate2 ca, X509Certificate2 client, string key) => CtyValue.Object(
    [
        KeyValuePair.Create("host", CtyValue.String(host)),
        KeyValuePair.Create("cluster_ca_certificate", CtyValue.String(ca.ExportCertificatePem())),
        KeyValuePair.Create("client_certificate", CtyValue.String(client.ExportCertificatePem())),
        KeyValuePair.Create("client_key", CtyValue.String(key)),
    ]);

    private static (X509Certificate2 Certificate, ECDsa Key) Authority(string subject)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return (request.CreateSelfSigned(Now.AddMinutes(-1), Now.AddDays(1)), key);
    }

    private static (X509Certificate2 Certificate, string KeyPem) Client(string subject, X509Certificate2 ca, ECDsa caKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var generator = X509SignatureGenerator.CreateForECDsa(caKey);
        var certificate = request.Create(ca.SubjectName, generator, Now.AddMinutes(-1), Now.AddHours(1), [1, 2, 3, 4]);
        return (certificate, key.ExportECPrivateKeyPem());
    }
}
