using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.StandIns.Credentials;

/// <summary>
/// PEM certificate checks done by hand, without <see cref="X509Chain"/> and the system store:
/// the cluster CA of a test cluster is in no store, and what must be proved is exactly that the
/// client certificate was signed by <em>that</em> CA's key (RFC 5280 §4.1.1.3).
/// </summary>
internal static class PemCertificates
{
    private const string EcdsaSha256 = "1.2.840.10045.4.3.2";
    private const string EcdsaSha384 = "1.2.840.10045.4.3.3";
    private const string EcdsaSha512 = "1.2.840.10045.4.3.4";
    private const string RsaSha256 = "1.2.840.113549.1.1.11";
    private const string RsaSha384 = "1.2.840.113549.1.1.12";
    private const string RsaSha512 = "1.2.840.113549.1.1.13";

    /// <summary>Every CERTIFICATE block of <paramref name="pem"/>; null (with an error) when there is none or one is malformed, null without one when <paramref name="pem"/> is null.</summary>
    public static IReadOnlyList<X509Certificate2>? Read(string? pem, CtyPath path, string name, DiagnosticCollection diagnostics)
    {
        if (pem is null)
        {
            return null;
        }

        var certificates = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                }
                catch (CryptographicException)
                {
                    diagnostics.AddAttributeError(path, "Invalid PEM Certificate", $"{name} holds a CERTIFICATE block that is not a valid X.509 certificate.");
                    return null;
                }
            }

            rest = rest[fields.Location.End..];
        }

        if (certificates.Count == 0)
        {
            diagnostics.AddAttributeError(path, "Invalid PEM Certificate",
                $"{name} is not PEM: expected at least one \"-----BEGIN CERTIFICATE-----\" block. Pass the PEM text itself (e.g. base64decode of a kubeconfig's *-data field), not a file name.");
            return null;
        }

        return certificates;
    }

    /// <summary>Adds an error unless one of <paramref name="authorities"/> issued and signed <paramref name="certificate"/>.</summary>
    public static void CheckIssuedBy(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> authorities, CtyPath path, string name, DiagnosticCollection diagnostics)
    {
        var issuers = authorities.Where(ca => ca.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)).ToList();
        if (issuers.Count == 0)
        {
            diagnostics.AddAttributeError(path, "Client Certificate Not Issued By Cluster CA",
                $"{name} (subject \"{certificate.Subject}\") was issued by \"{certificate.Issuer}\", but {name[..^"client_certificate".Length]}cluster_ca_certificate holds " +
                $"{string.Join(", ", authorities.Select(ca => $"\"{ca.Subject}\""))}. The API server would refuse it: use the certificate and CA of the same cluster.");
            return;
        }

        var (tbs, algorithm, signature) = SplitCertificate(certificate.RawData);
        foreach (var issuer in issuers)
        {
            if (VerifySignature(issuer, tbs, algorithm, signature) is { } verified)
            {
                if (verified)
                {
                    return;
                }
            }
            else
            {
                diagnostics.AddAttributeError(path, "Unsupported Certificate Signature",
                    $"{name} is signed with algorithm {algorithm}; the stand-in verifies ECDSA and RSA PKCS#1 v1.5 with SHA-256/384/512.");
                return;
            }
        }

        diagnostics.AddAttributeError(path, "Client Certificate Signature Invalid",
            $"{name} names \"{certificate.Issuer}\" as issuer, but its signature does not verify with that CA's public key: it was signed by another key of the same name. The API server would refuse it.");
    }

    /// <summary>Adds an error unless <paramref name="keyPem"/> is the private key of <paramref name="certificate"/>.</summary>
    public static void CheckKeyMatches(X509Certificate2 certificate, string keyPem, CtyPath path, string name, DiagnosticCollection diagnostics)
    {
        var publicKey = PublicKeyOf(keyPem);
        if (publicKey is null)
        {
            diagnostics.AddAttributeError(path, "Invalid PEM Private Key",
                $"{name} is not an unencrypted PEM private key (\"EC PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"PRIVATE KEY\" block).");
            return;
        }

        if (!publicKey.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            diagnostics.AddAttributeError(path, "Client Key Does Not Match Certificate",
                $"{name} is not the private key of the client certificate \"{certificate.Subject}\": use the key the certificate was issued for.");
        }
    }

    private static byte[]? PublicKeyOf(string keyPem)
    {
        if (!PemEncoding.TryFind(keyPem, out var fields))
        {
            return null;
        }

        var label = keyPem.AsSpan()[fields.Label].ToString();
        byte[] der;
        try
        {
            der = Convert.FromBase64String(keyPem.AsSpan()[fields.Base64Data].ToString());
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            switch (label)
            {
                case "EC PRIVATE KEY":
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportECPrivateKey(der, out _);
                        return ec.ExportSubjectPublicKeyInfo();
                    }

                case "RSA PRIVATE KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPrivateKey(der, out _);
                        return rsa.ExportSubjectPublicKeyInfo();
                    }

                case "PRIVATE KEY":
                    return Pkcs8PublicKey(der);

                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[]? Pkcs8PublicKey(byte[] der)
    {
        using (var ec = ECDsa.Create())
        {
            try
            {
                ec.ImportPkcs8PrivateKey(der, out _);
                return ec.ExportSubjectPublicKeyInfo();
            }
            catch (CryptographicException)
            {
                // Not an EC key: try RSA below.
            }
        }

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(der, out _);
        return rsa.ExportSubjectPublicKeyInfo();
    }

    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
    private static (byte[] Tbs, string Algorithm, byte[] Signature) SplitCertificate(byte[] der)
    {
        var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificate.ReadEncodedValue().ToArray();
        var algorithm = certificate.ReadSequence().ReadObjectIdentifier();
        var signature = certificate.ReadBitString(out _);
        return (tbs, algorithm, signature);
    }

    /// <summary>True or false when the algorithm is supported, null when it is not.</summary>
    private static bool? VerifySignature(X509Certificate2 issuer, byte[] tbs, string algorithm, byte[] signature)
    {
        HashAlgorithmName? hash = algorithm switch
        {
            EcdsaSha256 or RsaSha256 => HashAlgorithmName.SHA256,
            EcdsaSha384 or RsaSha384 => HashAlgorithmName.SHA384,
            EcdsaSha512 or RsaSha512 => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null)
        {
            return null;
        }

        if (algorithm.StartsWith("1.2.840.10045", StringComparison.Ordinal))
        {
            using var ec = issuer.GetECDsaPublicKey();
            return ec?.VerifyData(tbs, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence) ?? false;
        }

        using var rsa = issuer.GetRSAPublicKey();
        return rsa?.VerifyData(tbs, signature, hash.Value, RSASignaturePadding.Pkcs1) ?? false;
    }
}
