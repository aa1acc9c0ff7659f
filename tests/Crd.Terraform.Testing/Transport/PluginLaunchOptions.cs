namespace Crd.Terraform.Testing.Transport;

/// <summary>How <see cref="PluginProcess.StartAsync"/> launches a provider.</summary>
public sealed class PluginLaunchOptions
{
    /// <summary>The provider executable (an apphost or a single-file binary); a <c>.dll</c> is run with <c>dotnet exec</c>.</summary>
    public required string ExecutablePath { get; init; }

    /// <summary>Extra command-line arguments (Terraform passes none).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// Environment overrides applied last; a <c>null</c> value removes the variable. The child
    /// otherwise inherits this process's environment, as Terraform's children do.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// <c>PLUGIN_PROTOCOL_VERSIONS</c>; Terraform offers 5 and 6. <c>null</c> leaves the variable unset.
    /// </summary>
    public string? OfferedProtocolVersions { get; init; } = "5,6";

    /// <summary>Whether to set Terraform's magic cookie (false only to test the refusal).</summary>
    public bool SetMagicCookie { get; init; } = true;

    /// <summary>
    /// AutoMTLS as Terraform does by default (<c>PLUGIN_CLIENT_CERT</c> set, TLS pinned both
    /// ways); false behaves like <c>TF_DISABLE_PLUGIN_TLS</c>: no client certificate, h2c.
    /// </summary>
    public bool UseTls { get; init; } = true;

    /// <summary>The certificate presented in the TLS handshake (negative tests).</summary>
    public ClientCertificateChoice ClientCertificate { get; init; } = ClientCertificateChoice.Advertised;

    /// <summary>How long to wait for the handshake line (go-plugin's default is one minute).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Expect a handshake line at all; false for tests of refusal, which only wait for exit.</summary>
    public bool ExpectHandshake { get; init; } = true;
}
