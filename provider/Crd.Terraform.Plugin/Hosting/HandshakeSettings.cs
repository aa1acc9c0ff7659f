namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// What go-plugin's client tells the plugin through the environment (protocol.md §1.2).
/// </summary>
internal sealed record HandshakeSettings(bool CookieValid, int ProtocolVersion, string? ClientCertificatePem, string SocketDirectory)
{
    /// <summary>Terraform's fixed magic cookie; it "should NEVER be changed".</summary>
    public const string MagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";

    public const string MagicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    public static HandshakeSettings FromEnvironment(IReadOnlyList<int> supportedVersions)
    {
        var cert = Environment.GetEnvironmentVariable("PLUGIN_CLIENT_CERT");
        var dir = Environment.GetEnvironmentVariable("PLUGIN_UNIX_SOCKET_DIR");
        return new HandshakeSettings(
            Environment.GetEnvironmentVariable(MagicCookieKey) == MagicCookieValue,
            SelectProtocolVersion(Environment.GetEnvironmentVariable("PLUGIN_PROTOCOL_VERSIONS"), supportedVersions),
            string.IsNullOrWhiteSpace(cert) ? null : cert,
            string.IsNullOrEmpty(dir) ? Path.GetTempPath() : dir);
    }

    /// <summary>
    /// The highest supported version the client offers; without an offer, our highest; with
    /// no overlap, our lowest, so that the client reports the mismatch (as go-plugin's server does).
    /// </summary>
    public static int SelectProtocolVersion(string? offered, IReadOnlyList<int> supported)
    {
        if (supported.Count == 0)
        {
            throw new ArgumentException("at least one protocol version must be supported", nameof(supported));
        }

        if (string.IsNullOrWhiteSpace(offered))
        {
            return supported.Max();
        }

        var best = -1;
        foreach (var part in offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
                && version > best
                && supported.Contains(version))
            {
                best = version;
            }
        }

        return best >= 0 ? best : supported.Min();
    }
}
