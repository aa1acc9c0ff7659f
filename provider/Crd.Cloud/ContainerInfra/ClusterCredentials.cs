using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Crd.Cloud.ContainerInfra;

/// <summary>
/// Admin credentials for a Magnum cluster, made the way <c>openstack coe cluster config</c> makes
/// them (apis.md §2.5): a fresh client key generated here (ECDSA P-256: fast, and accepted by the
/// Kubernetes API server and by Magnum's signer, which copies the CSR's public key), a CSR with
/// <c>CN=admin, O=system:masters</c> signed by the cluster CA through the certificates API, and a
/// kubeconfig rendered around them. The key never leaves the process except in the return value.
/// </summary>
/// <param name="ClusterName">Cluster name (kubeconfig cluster, user and context names).</param>
/// <param name="Host">API server URL.</param>
/// <param name="CaCertificatePem">Cluster CA (PEM).</param>
/// <param name="ClientCertificatePem">Client certificate signed by the CA (PEM).</param>
/// <param name="ClientKeyPem">Client private key (PKCS#8 PEM).</param>
public sealed record ClusterCredentials(string ClusterName, string Host, string CaCertificatePem, string ClientCertificatePem, string ClientKeyPem)
{
    /// <summary>The subject of the client certificate: Kubernetes maps O to the group <c>system:masters</c> (cluster-admin).</summary>
    public const string ClientSubject = "CN=admin, O=system:masters, OU=crd-terraform";

    /// <summary>
    /// Generates a key, has the cluster CA sign its CSR and reads the CA. The cluster must have an
    /// API address (be built).
    /// </summary>
    public static async Task<ClusterCredentials> IssueAsync(MagnumClient magnum, MagnumCluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.ApiAddress is not { } host)
        {
            throw new CloudOperationException($"cluster {cluster.Name} ({cluster.Id}) on {magnum.Site} has no API address yet (status {cluster.Status}); a kubeconfig can be made once it is CREATE_COMPLETE");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(ClientSubject), key, HashAlgorithmName.SHA256);
        var csr = request.CreateSigningRequestPem();
        var ca = magnum.GetCaCertificateAsync(cluster.Id, cancellationToken);
        var certificate = await magnum.SignCertificateAsync(cluster.Id, csr, cancellationToken).ConfigureAwait(false);
        return new ClusterCredentials(cluster.Name, host, await ca.ConfigureAwait(false), certificate, key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>A kubeconfig (YAML) with one cluster, user and context, the PEMs inlined as base64 data.</summary>
    public string RenderKubeconfig()
    {
        var name = ClusterName.Length == 0 ? "cluster" : ClusterName;
        var user = "admin@" + name;
        var text = new StringBuilder();
        text.Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: ").Append(Quote(name)).Append('\n')
            .Append("  cluster:\n")
            .Append("    server: ").Append(Quote(Host)).Append('\n')
            .Append("    certificate-authority-data: ").Append(Base64(CaCertificatePem)).Append('\n')
            .Append("users:\n")
            .Append("- name: ").Append(Quote(user)).Append('\n')
            .Append("  user:\n")
            .Append("    client-certificate-data: ").Append(Base64(ClientCertificatePem)).Append('\n')
            .Append("    client-key-data: ").Append(Base64(ClientKeyPem)).Append('\n')
            .Append("contexts:\n")
            .Append("- name: ").Append(Quote(name)).Append('\n')
            .Append("  context:\n")
            .Append("    cluster: ").Append(Quote(name)).Append('\n')
            .Append("    user: ").Append(Quote(user)).Append('\n')
            .Append("current-context: ").Append(Quote(name)).Append('\n');
        return text.ToString();
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    // YAML double-quoted scalars: JSON string escaping is valid YAML.
    private static string Quote(string value) => System.Text.Json.JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) is var e ? "\"" + e + "\"" : value;
}
