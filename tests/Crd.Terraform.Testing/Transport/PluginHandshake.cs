using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Crd.Terraform.Testing.Transport;

/// <summary>
/// The first stdout line of a go-plugin plugin, validated as go-plugin's client does
/// (protocol.md §1.3): <c>CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT</c>.
/// </summary>
public sealed record PluginHandshake(int CoreVersion, int ProtocolVersion, string Network, string Address, string Protocol, byte[]? ServerCertificateDer)
{
    /// <summary>Parses and validates a handshake line.</summary>
    /// <param name="line">The first stdout line.</param>
    /// <param name="offeredVersions">Versions the client offered; the plugin's choice must be one of them (Terraform offers 5 and 6).</param>
    /// <exception cref="FormatException">The line would make Terraform refuse the plugin.</exception>
    public static PluginHandshake Parse(string line, IReadOnlyCollection<int> offeredVersions)
    {
        var parts = line.Trim().Split('|');
        if (parts.Length < 4)
        {
            throw new FormatException($"Unrecognized remote plugin message: '{line}'");
        }

        if (parts[0] != "1")
        {
            throw new FormatException($"incompatible core API version: '{parts[0]}' (expected 1)");
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var protocolVersion))
        {
            throw new FormatException($"error parsing protocol version: '{parts[1]}'");
        }

        if (!offeredVersions.Contains(protocolVersion))
        {
            throw new FormatException($"incompatible API version with plugin: plugin version {protocolVersion}, client versions [{string.Join(", ", offeredVersions)}]");
        }

        if (parts[2] is not ("unix" or "tcp"))
        {
            throw new FormatException($"Unknown address type: '{parts[2]}'");
        }

        // go-plugin defaults a missing protocol field to netrpc, which Terraform does not allow.
        var protocol = parts.Length >= 5 ? parts[4] : "netrpc";
        if (protocol != "grpc")
        {
            throw new FormatException($"Unsupported plugin protocol '{protocol}'. Supported: [grpc]");
        }

        if (parts.Length > 6)
        {
            throw new FormatException("a 7th (multiplexing) field must only be sent when PLUGIN_MULTIPLEX_GRPC is set");
        }

        byte[]? certificate = null;
        if (parts.Length >= 6 && parts[5].Length > 0)
        {
            if (parts[5].Contains('=', StringComparison.Ordinal))
            {
                throw new FormatException("server certificate must use base64 RawStdEncoding (no '=' padding)");
            }

            certificate = DecodeRawStd(parts[5]);
            using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        }

        return new PluginHandshake(1, protocolVersion, parts[2], parts[3], protocol, certificate);
    }

    private static byte[] DecodeRawStd(string value)
    {
        var padded = value.Length % 4 == 0 ? value : value + new string('=', 4 - (value.Length % 4));
        return Convert.FromBase64String(padded);
    }
}
