using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// go-plugin AutoMTLS, server side (protocol.md §1.4): a throw-away self-signed certificate of
/// our own, advertised in the handshake, and the client's certificate from
/// <c>PLUGIN_CLIENT_CERT</c> required and pinned byte for byte — any other client is refused
/// during the TLS handshake.
/// </summary>
internal sealed class AutoMtlsCredentials
{
    private readonly byte[] _pinnedClientCertificate;

    private AutoMtlsCredentials(X509Certificate2 serverCertificate, X509Certificate2 pinnedClientCertificate)
    {
        ServerCertificate = serverCertificate;
        _pinnedClientCertificate = pinnedClientCertificate.RawData;
        // Building the certificate context runs .NET's first X509 chain build, which loads the
        // system trust store: ~100 ms of CPU on Linux. It is started here, in the background,
        // so that the handshake line need not wait for it; only the first TLS handshake does.
        ServerOptions = Task.Run(() => CreateServerOptions(serverCertificate, pinnedClientCertificate));
    }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>TLS settings for each accepted connection; completes shortly after start-up.</summary>
    public Task<SslServerAuthenticationOptions> ServerOptions { get; }

    /// <summary>The handshake's 6th field: DER, base64 without '=' padding (Go's RawStdEncoding).</summary>
    public string ServerCertificateField => Convert.ToBase64String(ServerCertificate.RawData).TrimEnd('=');

    /// <summary>Parses the client's PEM and creates our certificate.</summary>
    /// <exception cref="CryptographicException">The PEM holds no certificate.</exception>
    public static AutoMtlsCredentials Create(string clientCertificatePem)
    {
        var client = X509Certificate2.CreateFromPem(clientCertificatePem);
        return new AutoMtlsCredentials(CreateServerCertificate(), client);
    }

    internal bool IsPinnedClient(X509Certificate? certificate) =>
        certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(_pinnedClientCertificate);

    private SslServerAuthenticationOptions CreateServerOptions(X509Certificate2 serverCertificate, X509Certificate2 pinnedClientCertificate)
    {
        var clientChainPolicy = new X509ChainPolicy
        {
            // The pinned certificate is the only trust anchor; never touch the network.
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        clientChainPolicy.CustomTrustStore.Add(pinnedClientCertificate);

        // Warm-up: the first TLS handshake validates the client's chain with this policy; doing
        // it once here, off the critical path, takes the JIT and store loading out of it.
        using (var warmUp = new X509Chain { ChainPolicy = clientChainPolicy.Clone() })
        {
            warmUp.Build(pinnedClientCertificate);
        }

        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(serverCertificate, additionalCertificates: null, offline: true),
            ClientCertificateRequired = true,
            CertificateChainPolicy = clientChainPolicy,
            RemoteCertificateValidationCallback = ValidateClientCertificate,
            // grpc-go >= 1.67 refuses TLS peers that do not negotiate ALPN.
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    /// <summary>
    /// Self-signed ECDSA P-256 certificate for "localhost" (Go verifies SAN, ignores CN). Marked
    /// CA like go-plugin's own, because the client uses it as its only root.
    /// </summary>
    private static X509Certificate2 CreateServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddSeconds(-30), now.AddYears(1));
    }

    // The chain is never consulted: trust means "exactly the certificate Terraform gave us".
    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        IsPinnedClient(certificate);
}
