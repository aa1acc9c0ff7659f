namespace Crd.Terraform.Testing.Transport;

/// <summary>Which certificate the test client presents during the TLS handshake.</summary>
public enum ClientCertificateChoice
{
    /// <summary>The certificate passed in <c>PLUGIN_CLIENT_CERT</c>, as Terraform does.</summary>
    Advertised,

    /// <summary>A different, freshly generated certificate: the plugin must refuse the connection.</summary>
    Foreign,

    /// <summary>No client certificate at all: the plugin must refuse the connection.</summary>
    None,
}
