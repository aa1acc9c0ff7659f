using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crd.Simulator.Compute;

/// <summary>OpenSSH public keys: validation, Nova's MD5 fingerprint, and key generation.</summary>
public static class SshKeys
{
    private static readonly string[] KnownTypes =
        ["ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

    /// <summary>The fingerprint of an OpenSSH public key, or null when it is not one.</summary>
    public static string? Fingerprint(string publicKey)
    {
        var parts = publicKey.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !KnownTypes.Contains(parts[0]))
        {
            return null;
        }
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (blob.Length < 4 + parts[0].Length
            || BinaryPrimitives.ReadInt32BigEndian(blob) != parts[0].Length
            || Encoding.ASCII.GetString(blob, 4, parts[0].Length) != parts[0])
        {
            return null;
        }
        // Nova reports the legacy MD5 fingerprint (colon-separated hex); it identifies, it does not protect.
#pragma warning disable CA5351
        var hash = MD5.HashData(blob);
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Generates an RSA key pair: (OpenSSH public key, PEM private key).</summary>
    public static (string PublicKey, string PrivateKey) Generate(string comment)
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteMpint(blob, parameters.Exponent!);
        WriteMpint(blob, parameters.Modulus!);
        return ("ssh-rsa " + Convert.ToBase64String(blob.ToArray()) + " " + comment, rsa.ExportRSAPrivateKeyPem() + "\n");
    }

    private static void WriteString(Stream stream, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    private static void WriteMpint(Stream stream, byte[] value)
    {
        // A positive mpint whose top bit is set needs a leading zero byte.
        WriteString(stream, value.Length > 0 && value[0] >= 0x80 ? [0, .. value] : value);
    }
}
