using System.Globalization;
using System.Net;

namespace Crd.Simulator.Network;

/// <summary>An IPv4 CIDR and address allocation inside it (gateway = first host).</summary>
public readonly record struct Ipv4Cidr(uint Network, int Prefix)
{
    /// <summary>Parses <c>10.0.0.0/24</c>; null when malformed.</summary>
    public static Ipv4Cidr? TryParse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 0 or > 32)
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        var mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return new Ipv4Cidr(value & mask, prefix);
    }

    /// <summary>True when the CIDR is small enough to allocate from (prefix 8 to 30).</summary>
    public bool IsAllocatable => Prefix is >= 8 and <= 30;

    /// <summary>The gateway address (first host).</summary>
    public string Gateway => Format(Network + 1);

    /// <summary>First allocatable address (after the gateway).</summary>
    public string PoolStart => Format(Network + 2);

    /// <summary>Last allocatable address (before broadcast).</summary>
    public string PoolEnd => Format(Broadcast - 1);

    private uint Broadcast => Network | (Prefix == 32 ? 0 : uint.MaxValue >> Prefix);

    /// <summary>The first free address of the pool, or null when exhausted.</summary>
    public string? Allocate(IReadOnlySet<string> used)
    {
        for (var candidate = Network + 2; candidate < Broadcast; candidate++)
        {
            var text = Format(candidate);
            if (!used.Contains(text))
            {
                return text;
            }
        }
        return null;
    }

    /// <summary>Canonical text.</summary>
    public override string ToString() => Format(Network) + "/" + Prefix.ToString(CultureInfo.InvariantCulture);

    private static string Format(uint value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}");
}
