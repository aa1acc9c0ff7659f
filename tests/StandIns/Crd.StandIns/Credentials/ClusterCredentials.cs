using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.StandIns.Credentials;

/// <summary>
/// What a stand-in keeps of its cluster configuration: the host it records beside every object,
/// and whether a usable configuration was given at all.
/// </summary>
/// <param name="Host">The API server URL, or null when the configuration names a kubeconfig file instead.</param>
/// <param name="Configured">False when neither a host nor a kubeconfig path was given.</param>
internal sealed record ClusterCredentials(string? Host, bool Configured)
{
    /// <summary>
    /// Checks the connection attributes of <paramref name="config"/> (an object holding
    /// <c>host</c>, <c>cluster_ca_certificate</c>, <c>client_certificate</c>, <c>client_key</c>,
    /// <c>config_path</c>, <c>config_paths</c>) the way a Kubernetes client would before its first
    /// request: an https host, PEM certificates, a client certificate signed by the cluster CA and
    /// a key matching it. Diagnostics are on <paramref name="at"/> + the attribute name and never
    /// quote key material. Returns null when the check failed.
    /// </summary>
    public static ClusterCredentials? Check(CtyValue config, CtyPath at, DiagnosticCollection diagnostics)
    {
        string? Get(string name)
            => config.IsNull || !config.Type.AttributeTypes.ContainsKey(name) || config.GetAttribute(name) is not { IsNull: false } v
                ? null
                : v.AsString();

        // Terraform shows the source range, not the path: the detail names the attribute itself.
        var prefix = at.IsRoot ? "" : at + ".";
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var host = Get("host");
        if (host is not null && !(Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0))
        {
            diagnostics.AddAttributeError(at.Attribute("host"), "Invalid Kubernetes Host",
                $"{prefix}host \"{host}\" is not an https URL of a Kubernetes API server (expected https://HOST[:PORT]).");
        }

        var ca = PemCertificates.Read(Get("cluster_ca_certificate"), at.Attribute("cluster_ca_certificate"), prefix + "cluster_ca_certificate", diagnostics);
        var client = PemCertificates.Read(Get("client_certificate"), at.Attribute("client_certificate"), prefix + "client_certificate", diagnostics);
        var key = Get("client_key");
        if (client is { Count: > 0 })
        {
            if (ca is { Count: > 0 })
            {
                PemCertificates.CheckIssuedBy(client[0], ca, at.Attribute("client_certificate"), prefix + "client_certificate", diagnostics);
            }

            if (key is null)
            {
                diagnostics.AddAttributeError(at.Attribute("client_key"), "Missing Client Key",
                    $"{prefix}client_certificate is set but {prefix}client_key is not: a client certificate authenticates only with its private key.");
            }
            else
            {
                PemCertificates.CheckKeyMatches(client[0], key, at.Attribute("client_key"), prefix + "client_key", diagnostics);
            }
        }
        else if (key is not null && Get("client_certificate") is null)
        {
            diagnostics.AddAttributeError(at.Attribute("client_certificate"), "Missing Client Certificate",
                $"{prefix}client_key is set but {prefix}client_certificate is not.");
        }

        if (diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errors)
        {
            return null;
        }

        var hasConfigPath = Get("config_path") is not null
            || (config.Type.AttributeTypes.ContainsKey("config_paths") && !config.IsNull && config.GetAttribute("config_paths") is { IsNull: false } paths && paths.Length > 0);
        return new ClusterCredentials(host, host is not null || hasConfigPath);
    }
}
