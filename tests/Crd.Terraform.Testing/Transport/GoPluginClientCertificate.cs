using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Crd.Terraform.Testing.Transport;

/// <summary>
/// The throw-away client certificate go-plugin's AutoMTLS generates (protocol.md §1.4):
/// ECDSA P-521, CN=localhost, O=HashiCorp, SAN localhost, client+server auth, self-signed CA,
/// valid from 30 s ago for about 30 years.
/// </summary>
public static class GoPluginClientCertificate
{
    /// <summary>Creates a certificate with its private key.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA512);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyCertSign,
            true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var unsigned = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddSeconds(-30), now.AddHours(262980), serial);
        return unsigned.CopyWithPrivateKey(key);
    }
}
