using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// The per-cluster certificate authority behind Magnum's certificates API: a self-signed RSA CA
/// created with the cluster, which signs client CSRs (kubeconfig generation).
/// </summary>
public static class ClusterCa
{
    /// <summary>A new CA for <paramref name="clusterName"/>: certificate and PKCS#8 key, both PEM.</summary>
    public static (string CertificatePem, string KeyPem) Create(string clusterName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + Sanitize(clusterName) + ",O=crd-sim"), key,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // Certificates are checked against wall time by TLS clients, so validity uses real time.
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddYears(5));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Signs a PEM CSR with the cluster's CA; answers the client certificate as PEM. Bad CSRs are a 400.</summary>
    public static string Sign(string caCertificatePem, string caKeyPem, string csrPem)
    {
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw ApiException.BadRequest("Invalid CSR: " + ex.Message);
        }
        using var ca = X509Certificate2.CreateFromPem(caCertificatePem, caKeyPem);
        request.CertificateExtensions.Clear();
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddYears(1) < ca.NotAfter ? now.AddYears(1) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        // A signature generator from the CA's RSA key signs any subject key (RSA or ECDSA CSRs), as
        // Magnum's x509 signer does; Create(issuerCertificate) would require matching key types.
        using var caKey = ca.GetRSAPrivateKey() ?? throw new InvalidOperationException("the cluster CA has no RSA key");
        using var certificate = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), now.AddMinutes(-5), notAfter, serial);
        return certificate.ExportCertificatePem();
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
